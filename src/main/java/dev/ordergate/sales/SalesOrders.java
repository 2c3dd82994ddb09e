package dev.ordergate.sales;

import dev.ordergate.order.Order;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The ERP's sales orders, addressed by our business key (Odoo's {@code client_order_ref}).
 * Every method is idempotent: calling it again after a lost answer does nothing twice.
 */
public interface SalesOrders {

    /** Creates the sales order if none carries the order's business key yet, and confirms it. */
    SalesOrderRef commit(Order order);

    /** Records what the warehouse shipped (quantities by SKU) as delivered on the sales order. */
    void recordDelivery(String businessKey, Map<String, BigDecimal> shippedBySku);
}
