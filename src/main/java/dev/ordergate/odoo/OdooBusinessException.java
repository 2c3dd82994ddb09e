package dev.ordergate.odoo;

/**
 * Odoo (a {@code UserError} or {@code ValidationError}) or one of our adapters refused on business grounds;
 * the message is Odoo's own text, for the person who has to resolve it.
 */
final class OdooBusinessException extends OdooException {

    OdooBusinessException(String message, String odooError) {
        super(message, odooError, null);
    }

    OdooBusinessException(String message) {
        this(message, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    @Override
    public boolean isBusiness() {
        return true;
    }
}
