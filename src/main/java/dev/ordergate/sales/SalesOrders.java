package dev.ordergate.sales;

import dev.ordergate.order.Order;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The ERP's sales orders, addressed by our business key (Odoo's {@code client_order_ref}).
 * Every method is idempotent: calling it again after a lost answer does nothing twice.
 */
public interface SalesOrders {

    /** Creates the sales order if none carries the order's business key yet, and confirms it. */
    SalesOrderRef commit(Order order);

    /** Records what the warehouse shipped (quantities by SKU) as delivered on the sales order. */
    void recordDelivery(String businessKey, Map<String, BigDecimal> shippedBySku);

    /**
     * Cancels the sales order with this business key, confirmed or not, and its open deliveries. Answers the order,
     * or empty when none carries the key (nothing to cancel); an order already cancelled is answered as it is.
     * A locked order is a business exception: a person has to unlock it in the ERP first.
     */
    Optional<SalesOrderRef> cancel(String businessKey);
}
