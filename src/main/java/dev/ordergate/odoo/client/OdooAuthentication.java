package dev.ordergate.odoo.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether Odoo accepts our credentials, as the last call found: one operator-facing problem when it does not (one
 * log line when it starts and one when it ends, the gauge {@code ordergate.odoo.authenticated} at 0, the counter
 * {@code ordergate.odoo.auth.refusals}, and the health component {@code odoo} DOWN with the reason), instead of a
 * log line per retried job. Meanwhile jobs wait {@link #retryAfter()} for a fixed key without spending their
 * retries (ops.WaitForPeers), so replacing the key is all an operator does.
 */
@Component
public class OdooAuthentication {

    private static final Logger log = LoggerFactory.getLogger(OdooAuthentication.class);

    /** Why Odoo refused us and since when; null while it accepts us (or nothing was asked yet). */
    public record Refusal(String reason, Instant since) {
    }

    private final AtomicReference<Refusal> refusal = new AtomicReference<>();
    private final Counter refusals;
    private final Duration retryAfter;

    public OdooAuthentication(MeterRegistry meters) {
        this(meters, Duration.ofSeconds(30));
    }

    @Autowired
    public OdooAuthentication(MeterRegistry meters, OdooAccessProperties access) {
        this(meters, access.authRetryAfter());
    }

    public OdooAuthentication(MeterRegistry meters, Duration retryAfter) {
        this.retryAfter = retryAfter;
        this.refusals = Counter.builder("ordergate.odoo.auth.refusals")
                .description("Calls Odoo refused because of Ordergate's credentials (wrong, expired or revoked API key)")
                .register(meters);
        Gauge.builder("ordergate.odoo.authenticated", refusal, r -> r.get() == null ? 1 : 0)
                .description("1 while Odoo accepts Ordergate's credentials, 0 while it refuses them").register(meters);
    }

    public void refused(String reason, String login, String database, String keySource) {
        refusals.increment();
        Refusal now = new Refusal(reason, Instant.now());
        if (refusal.compareAndSet(null, now)) {
            log.error("Odoo refuses Ordergate's credentials (login '{}', database '{}', key from {}): {}. Orders wait "
                    + "until the key is fixed: create an API key for this user in Odoo (Preferences > Account Security "
                    + "> New API Key; Odoo 19's JSON-2 takes only an API key, never a password) and set it there.",
                    login, database, keySource, reason);
        }
    }

    /** How long a job waits for a fixed key before it tries again (ordergate.odoo.auth-retry-after). */
    public Duration retryAfter() {
        return retryAfter;
    }

    public void accepted() {
        Refusal ended = refusal.getAndSet(null);
        if (ended != null) {
            log.info("Odoo accepts Ordergate's credentials again (refused since {})", ended.since());
        }
    }

    public Refusal refusal() {
        return refusal.get();
    }
}
