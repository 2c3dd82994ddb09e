package dev.ordergate.order;

/** Where an order stands; each status is also a milestone with the time it was first reached. */
public enum OrderStatus {
    RECEIVED,
    IN_REVIEW,
    VALIDATED,
    COMMITTED,
    RELEASED,
    /** Some goods have shipped, the rest is at the warehouse or on backorder. */
    PARTIALLY_SHIPPED,
    /** What can ship has shipped (or nothing could yet); the rest waits for stock. */
    BACKORDERED,
    SHIPPED,
    INVOICED,
    COMPLETED,
    REJECTED,
    CANCELLED,
    /** Passed every gate in a region rolled out in shadow mode: reported, never committed to Odoo. */
    VALIDATED_SHADOW;

    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED || this == VALIDATED_SHADOW;
    }
}
