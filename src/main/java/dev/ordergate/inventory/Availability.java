package dev.ordergate.inventory;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** Whoever knows what can be promised (Odoo stock or a WMS). */
public interface Availability {

    /** Quantity free to promise per SKU; an unknown SKU maps to zero. */
    Map<String, BigDecimal> freeQuantities(Collection<String> skus);
}
