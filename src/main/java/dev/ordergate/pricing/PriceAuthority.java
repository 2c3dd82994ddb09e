package dev.ordergate.pricing;

import dev.ordergate.order.Order;
import java.math.BigDecimal;
import java.util.Map;

/** Whoever decides prices (Odoo pricelists or a pricing engine). */
public interface PriceAuthority {

    /** The authority's unit price for each line of the order, keyed by line reference. */
    Map<String, BigDecimal> unitPrices(Order order);
}
