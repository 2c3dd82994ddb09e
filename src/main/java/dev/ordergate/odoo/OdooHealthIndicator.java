package dev.ordergate.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooAccessException;
import dev.ordergate.odoo.client.OdooAccessProperties;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.odoo.client.OdooProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health component {@code odoo}: the server's version and protocol, whether it accepts our credentials (and why
 * not), and when our user's API key expires (Odoo 19 keys last at most three months; warned about
 * {@code ordergate.odoo.api-key-warn-before} ahead). Its answer is kept for {@code ordergate.odoo.health-ttl} so
 * probes do not each call Odoo. Not part of liveness or readiness (application.yml): Odoo being away is neither a
 * reason to restart a node nor to stop taking orders, which wait for Odoo.
 */
@Component
class OdooHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(OdooHealthIndicator.class);

    private final OdooClient odoo;
    private final OdooProperties properties;
    private final OdooAccessProperties access;
    private volatile Health cached;
    private volatile long cachedAt;
    private volatile double keyDaysLeft = Double.NaN;
    private volatile LocalDate warnedFor;

    OdooHealthIndicator(OdooClient odoo, OdooProperties properties, OdooAccessProperties access, MeterRegistry meters) {
        this.odoo = odoo;
        this.properties = properties;
        this.access = access;
        Gauge.builder("ordergate.odoo.api.key.days.left", this, h -> h.keyDaysLeft)
                .description("Days until the API key of Ordergate's Odoo user expires (the soonest of its keys); "
                        + "NaN when Odoo does not say").register(meters);
    }

    @Override
    public Health health() {
        Health known = cached;
        if (known != null && System.nanoTime() - cachedAt < access.healthTtl().toNanos()) {
            return known;
        }
        synchronized (this) {
            if (cached == null || System.nanoTime() - cachedAt >= access.healthTtl().toNanos()) {
                cached = check();
                cachedAt = System.nanoTime();
            }
            return cached;
        }
    }

    private Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", String.valueOf(properties.url()));
        details.put("database", properties.database());
        details.put("login", properties.login());
        details.put("keySource", odoo.credentials().source());
        try {
            OdooClient.Server server = odoo.server();
            details.put("version", server.version().toString());
            details.put("protocol", server.protocol().name().toLowerCase().replace('_', '-'));
            int uid = odoo.uid();
            // Over JSON-2 uid() is a call like any other: a refused key shows here.
            odoo.executeKw("res.users", "search_count", List.of(List.of(List.of("id", "=", uid))), null);
            details.put("authenticated", true);
            apiKeyExpiry(uid, details);
            return Health.up().withDetails(details).build();
        } catch (OdooAccessException refused) {
            details.put("authenticated", false);
            details.put("reason", refused.getMessage());
            return Health.down().withDetails(details).build();
        } catch (OdooException | UncheckedIOException unavailable) {
            details.put("authenticated", "unknown");
            details.put("reason", unavailable.getMessage());
            return Health.down().withDetails(details).build();
        }
    }

    /** The soonest expiry among our user's keys: Odoo stores keys hashed, so which one is ours it cannot say. */
    private void apiKeyExpiry(int uid, Map<String, Object> details) {
        JsonNode keys;
        try {
            keys = odoo.searchRead("res.users.apikeys", List.of(List.of("user_id", "=", uid)),
                    List.of("name", "expiration_date"));
        } catch (OdooException notShown) {
            details.put("apiKeyExpires", "unknown (Odoo does not show this user's API keys: " + notShown.getMessage() + ")");
            keyDaysLeft = Double.NaN;
            return;
        }
        LocalDateTime soonest = null;
        for (JsonNode key : keys) {
            String expiry = key.path("expiration_date").asText("");
            if (!expiry.isEmpty() && !"false".equals(expiry)) {
                try {
                    LocalDateTime at = LocalDateTime.parse(expiry.replace(' ', 'T'));
                    soonest = soonest == null || at.isBefore(soonest) ? at : soonest;
                } catch (DateTimeParseException notADate) {
                    log.debug("Odoo API key expiry '{}' is not a date", expiry);
                }
            }
        }
        if (soonest == null) {
            details.put("apiKeyExpires", keys.isEmpty() ? "unknown (a password or a key Odoo does not list)" : "never");
            keyDaysLeft = Double.NaN;
            return;
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        long daysLeft = ChronoUnit.DAYS.between(now, soonest);
        keyDaysLeft = daysLeft;
        details.put("apiKeyExpires", soonest.toString().replace('T', ' '));
        details.put("apiKeyDaysLeft", daysLeft);
        if (Duration.between(now, soonest).compareTo(access.apiKeyWarnBefore()) <= 0) {
            String warning = "the Odoo API key expires on " + soonest.toLocalDate() + " (" + daysLeft + " days): create "
                    + "a new one in Odoo and put it in " + odoo.credentials().source() + ", no restart needed";
            details.put("warning", warning);
            if (!soonest.toLocalDate().equals(warnedFor)) {
                warnedFor = soonest.toLocalDate();
                log.warn("Odoo: {}", warning);
            }
        }
    }
}
