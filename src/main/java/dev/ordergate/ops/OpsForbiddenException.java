package dev.ordergate.ops;

/** The caller operates other regions than the order's or incident's (a regional operator): 403, nothing done. */
class OpsForbiddenException extends RuntimeException {

    OpsForbiddenException(String message) {
        super(message);
    }
}
