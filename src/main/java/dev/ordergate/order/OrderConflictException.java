package dev.ordergate.order;

/** The business key is taken by an order with different content. */
public class OrderConflictException extends RuntimeException {

    private final String businessKey;

    public OrderConflictException(String businessKey) {
        super("An order with business key " + businessKey + " was already received with different content");
        this.businessKey = businessKey;
    }

    public String businessKey() {
        return businessKey;
    }
}
