package dev.ordergate.inventory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * The WMS telling us a product's stock in a warehouse changed: the new figures (not a delta), so an event that is
 * repeated or arrives after a newer one can be recognised and ignored.
 */
public record StockEvent(String eventId, String sku, String warehouse, BigDecimal onHand, BigDecimal reserved,
                         OffsetDateTime occurredAt) {

    public StockCount count() {
        return new StockCount(sku, warehouse, onHand, reserved);
    }

    boolean sameFacts(StockEvent other) {
        return sku.equals(other.sku) && warehouse.equals(other.warehouse) && onHand.compareTo(other.onHand) == 0
                && reserved.compareTo(other.reserved) == 0 && occurredAt.isEqual(other.occurredAt);
    }
}
