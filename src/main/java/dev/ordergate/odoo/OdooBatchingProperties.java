package dev.ordergate.odoo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Micro-batching across orders (issue 15): orders that reach the same Odoo write within {@code window} go to Odoo in
 * one call, up to {@code maxSize} of them. Off by default: it only pays when orders queue (a peak), and each order's
 * job then waits up to the window, so the job executor needs as many threads as orders should meet (a batch can
 * never be larger than the jobs that run at once), and the database pool as many connections.
 *
 * @param enabled whether the commit, the release, the delivery, the invoice and the master-data gate's reads are
 *                batched across orders
 * @param window  how long the first order of a batch waits for others
 * @param maxSize the most orders in one call; a full batch goes at once
 */
@ConfigurationProperties("ordergate.odoo.batching")
public record OdooBatchingProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("200ms") Duration window,
        @DefaultValue("50") int maxSize) {

    /** Each order on its own (the odoo package's protocol tests, which build the adapters by hand). */
    static final OdooBatchingProperties OFF = new OdooBatchingProperties(false, Duration.ZERO, 1);
}
