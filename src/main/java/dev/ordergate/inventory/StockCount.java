package dev.ordergate.inventory;

import java.math.BigDecimal;

/** What one system counts of a product in one warehouse: on hand, and how much of it is reserved for orders. */
public record StockCount(String sku, String warehouse, BigDecimal onHand, BigDecimal reserved) {

    /** A product in a warehouse, the key both systems are compared on. */
    public record Key(String sku, String warehouse) {
    }

    public Key key() {
        return new Key(sku, warehouse);
    }

    public BigDecimal free() {
        return onHand.subtract(reserved);
    }
}
