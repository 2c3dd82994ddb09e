package dev.ordergate.ops;

class NotRetryableException extends RuntimeException {

    NotRetryableException(String message) {
        super(message);
    }
}
