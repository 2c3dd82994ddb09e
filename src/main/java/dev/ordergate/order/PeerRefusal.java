package dev.ordergate.order;

/**
 * A peer (Odoo, the credit or tax service, the WMS) understood the call and refused it for business reasons: an
 * archived product, a locked order, a missing journal, a customer the credit service does not know. Nothing retrying
 * the call can fix it; a person can, so the process turns it into a BPMN error with {@link #refusalCode()} that leads
 * to the review of refusals. Each peer's adapter decides which of its answers are refusals, in one place.
 */
public interface PeerRefusal {

    /**
     * {@code odoo}, {@code credit}, {@code tax} or {@code wms}: the retry profile's name of the peer; the syncs' own
     * peers are {@code master-data-hub} and {@code pricing-engine}.
     */
    String peer();

    /** One of {@link RefusalCodes}. */
    default String refusalCode() {
        return RefusalCodes.of(peer());
    }

    /** The peer's own words, for the person who has to act on them. */
    String peerMessage();
}
