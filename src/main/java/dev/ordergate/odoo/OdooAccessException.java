package dev.ordergate.odoo;

/** Odoo refused our credentials or our user's rights: a configuration problem, not cured by retrying. */
final class OdooAccessException extends OdooException {

    OdooAccessException(String message, String odooError) {
        super(message, odooError, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    boolean isLoginRefused() {
        return odooError() == null || "odoo.exceptions.AccessDenied".equals(odooError());
    }
}
