package dev.ordergate.odoo.client;

/** A record we expected in Odoo is not there (deleted, or never created). */
public final class OdooMissingRecordException extends OdooException {

    public OdooMissingRecordException(String message, String odooError) {
        super(message, odooError, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
