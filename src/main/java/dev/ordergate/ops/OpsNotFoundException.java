package dev.ordergate.ops;

class OpsNotFoundException extends RuntimeException {

    OpsNotFoundException(String message) {
        super(message);
    }
}
