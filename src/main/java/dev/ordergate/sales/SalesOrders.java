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

    /**
     * Records what the warehouse has shipped so far (cumulative quantities by SKU) as delivered on the sales order.
     * What the ERP shows as delivered already is not delivered again, so a repeated call changes nothing; a short
     * delivery leaves the rest on the ERP's backorder.
     */
    void recordDelivery(String businessKey, Map<String, BigDecimal> shippedBySku);

    /**
     * Asks the ERP to reserve stock for the order's open deliveries (its backorder included) and answers what is
     * reserved and not yet delivered, by SKU: what the warehouse may ship now.
     */
    Map<String, BigDecimal> reserveOpenDeliveries(String businessKey);

    /**
     * Cancels the order's open deliveries: quantities the customer will no longer get (a cancelled line, a closed
     * backorder). What was delivered stays. Nothing happens when no delivery is open.
     */
    void closeOpenDeliveries(String businessKey);

    /**
     * Cancels the sales order with this business key, confirmed or not, and its open deliveries. Answers the order,
     * or empty when none carries the key (nothing to cancel); an order already cancelled is answered as it is.
     * A locked order is a business exception: a person has to unlock it in the ERP first.
     */
    Optional<SalesOrderRef> cancel(String businessKey);
}
