package dev.ordergate.inventory;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** Whoever knows what can be promised (Odoo stock or a WMS). */
public interface Availability {

    /** Quantity free to promise per SKU; an unknown SKU maps to zero. */
    Map<String, BigDecimal> freeQuantities(Collection<String> skus);

    /**
     * The same for one order's availability check: an adapter may answer from what it read for this order moments
     * before (while as fresh as the availability timing promises) instead of asking again.
     */
    default Map<String, BigDecimal> freeQuantities(String businessKey, Collection<String> skus) {
        return freeQuantities(skus);
    }
}
