package dev.ordergate.odoo.client;

/** The exchange itself was broken: Odoo rejected the body as invalid JSON, or answered something that is not JSON-RPC. */
public final class OdooProtocolException extends OdooException {

    public OdooProtocolException(String message, Throwable cause) {
        super(message, null, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
