package dev.ordergate.order;

public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(String what) {
        super("No order " + what);
    }
}
