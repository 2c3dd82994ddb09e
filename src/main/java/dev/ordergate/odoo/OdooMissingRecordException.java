package dev.ordergate.odoo;

/** A record we expected in Odoo is not there (deleted, or never created). */
final class OdooMissingRecordException extends OdooException {

    OdooMissingRecordException(String message, String odooError) {
        super(message, odooError, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
