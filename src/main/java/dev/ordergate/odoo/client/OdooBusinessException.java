package dev.ordergate.odoo.client;

import dev.ordergate.order.PeerRefusal;

/**
 * Odoo (a {@code UserError} or {@code ValidationError}) or one of our adapters refused on business grounds;
 * the message is Odoo's own text, for the person who has to resolve it. Odoo's refusals are told apart from its
 * technical failures in one place, {@link OdooException}'s mapping of Odoo's exception classes.
 */
public final class OdooBusinessException extends OdooException implements PeerRefusal {

    public OdooBusinessException(String message, String odooError) {
        super(message, odooError, null);
    }

    public OdooBusinessException(String message) {
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

    @Override
    public String peer() {
        return "odoo";
    }

    @Override
    public String peerMessage() {
        return getMessage();
    }
}
