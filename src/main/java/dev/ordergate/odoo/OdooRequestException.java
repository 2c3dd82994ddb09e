package dev.ordergate.odoo;

/** Odoo could not make sense of a well-formed call (unknown field, method or service, wrong arguments): our bug. */
final class OdooRequestException extends OdooException {

    OdooRequestException(String message, String odooError) {
        super(message, odooError, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
