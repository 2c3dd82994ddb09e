package dev.ordergate.web;

import java.util.Optional;
import java.util.Set;

/**
 * Which regions' orders and incidents the current operator may see and repair. Security decides who the caller is
 * (keycloak mode: the realm role {@code ops} for every region, {@code ops-<region>} for one); the ops API and the
 * order reads only ask, like {@link ChannelAccess}.
 */
public interface RegionAccess {

    /** The regions the caller operates, or empty when it operates every region (and orders of none). */
    Optional<Set<String>> regions();

    /** True when the caller may operate on an order or incident of this region (null: one without a region). */
    default boolean permits(String region) {
        return regions().map(scope -> region != null && scope.contains(region)).orElse(true);
    }
}
