package dev.ordergate.order;

/** Where an order stands; each status is also a milestone with the time it was first reached. */
public enum OrderStatus {
    RECEIVED,
    IN_REVIEW,
    VALIDATED,
    COMMITTED,
    RELEASED,
    SHIPPED,
    INVOICED,
    COMPLETED,
    REJECTED,
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED;
    }
}
