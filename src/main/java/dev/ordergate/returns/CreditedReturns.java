package dev.ordergate.returns;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What an order's returns have credited, for readers outside the returns capability (the revenue reconciliation). */
@Component
public class CreditedReturns {

    private final OrderReturns returns;

    CreditedReturns(OrderReturns returns) {
        this.returns = returns;
    }

    /** The quantities credited back to the customer, by SKU; a return not yet credited counts nothing. */
    public Map<String, BigDecimal> bySku(String orderId) {
        return returns.creditedBySku(orderId);
    }
}
