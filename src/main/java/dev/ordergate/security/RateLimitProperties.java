package dev.ordergate.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests each client may make per path group (docs/security-runtime.md). A request belongs to the first group one of
 * whose patterns (and methods, when listed) it matches; a request in no group is not limited.
 *
 * @param enabled whether requests are counted at all
 * @param maxClients how many clients' buckets are kept before idle (full) ones are dropped
 * @param groups the path groups, first match wins
 */
@ConfigurationProperties("ordergate.rate-limits")
record RateLimitProperties(boolean enabled, int maxClients, List<PathGroup> groups) {

    RateLimitProperties {
        groups = groups == null ? List.of() : List.copyOf(groups);
        if (enabled && maxClients < 1) {
            throw new IllegalArgumentException("ordergate.rate-limits.max-clients must be at least 1");
        }
        for (PathGroup group : groups) {
            if (group.requests() < 1 || group.per() == null || group.per().isZero() || group.per().isNegative()) {
                throw new IllegalArgumentException("ordergate.rate-limits.groups[" + group.name()
                        + "]: requests must be at least 1 and per a positive duration");
            }
        }
    }

    /**
     * @param name the group's name, in the 429 answer and the bucket's key
     * @param paths path patterns ({@code /api/v1/orders/**})
     * @param methods HTTP methods the group is for; empty is every method
     * @param requests how many requests a client may make per {@code per}, also the burst it may make at once
     * @param per the window the requests refill over, smoothly
     */
    record PathGroup(String name, List<String> paths, List<String> methods, long requests, Duration per) {

        PathGroup {
            paths = paths == null ? List.of() : List.copyOf(paths);
            methods = methods == null ? List.of() : List.copyOf(methods);
        }
    }
}
