package dev.ordergate.fulfillment;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What was taken off an order for good (a cancelled backorder, a line cancelled or refunded after a shipment
 * problem), for readers outside fulfilment: those goods are never delivered, so Odoo never invoices them.
 */
@Component
public class CancelledQuantities {

    private final ShippingLedger ledger;

    CancelledQuantities(ShippingLedger ledger) {
        this.ledger = ledger;
    }

    public Map<String, BigDecimal> bySku(String businessKey) {
        return ledger.cancelled(businessKey);
    }
}
