package dev.ordergate.notify;

import dev.ordergate.order.Texts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers due status events to their channel's webhook, signed, and for each order in order: an event waits while
 * an earlier one of its order is pending or parked. A failure is retried with doubling back-off up to the budget,
 * then the event is PARKED for an operator to replay. Delivery is at least once: a receiver deduplicates on
 * {@code X-Ordergate-Event-Id}.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final JdbcClient jdbc;
    private final ChannelProperties settings;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    WebhookSender(JdbcClient jdbc, ChannelProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ordergate.status-events.send-interval:PT1S}")
    void sendDue() {
        List<Map<String, Object>> due = jdbc.sql("""
                SELECT e.id, e.channel, e.payload, e.attempts FROM app.status_events e
                 WHERE e.state = 'PENDING' AND e.next_attempt_at <= :now
                   AND NOT EXISTS (SELECT 1 FROM app.status_events earlier
                                    WHERE earlier.order_id = e.order_id AND earlier.seq < e.seq
                                      AND earlier.state IN ('PENDING', 'PARKED'))
                 ORDER BY e.created_at, e.seq LIMIT 100
                """).param("now", OffsetDateTime.now(clock)).query().listOfRows();
        for (Map<String, Object> row : due) {
            String id = (String) row.get("id");
            int attempts = ((Number) row.get("attempts")).intValue();
            // Claim by moving the next attempt away: of two nodes that read the row, one sends it now.
            int claimed = jdbc.sql("""
                    UPDATE app.status_events SET attempts = attempts + 1, next_attempt_at = :next
                     WHERE id = :id AND state = 'PENDING' AND attempts = :seen
                    """).param("next", OffsetDateTime.now(clock).plus(backoff(attempts + 1))).param("id", id)
                    .param("seen", attempts).update();
            if (claimed == 1) {
                deliver(id, (String) row.get("channel"), String.valueOf(row.get("payload")), attempts + 1);
            }
        }
    }

    private void deliver(String id, String channel, String payload, int attempt) {
        ChannelProperties.Webhook webhook = settings.webhookOf(channel);
        if (webhook == null || webhook.url() == null) {
            jdbc.sql("UPDATE app.status_events SET state = 'NO_WEBHOOK' WHERE id = :id").param("id", id).update();
            return;
        }
        String error;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhook.url())
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("X-Ordergate-Event-Id", id)
                    .header("X-Ordergate-Signature", "sha256=" + sign(payload, webhook.secret()))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                jdbc.sql("UPDATE app.status_events SET state = 'DELIVERED', delivered_at = :now, last_error = NULL WHERE id = :id")
                        .param("now", OffsetDateTime.now(clock)).param("id", id).update();
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        boolean park = attempt >= settings.maxAttempts();
        log.warn("Status event {} for channel {} not delivered (attempt {}): {}{}", id, channel, attempt, error,
                park ? "; parked" : "");
        jdbc.sql("UPDATE app.status_events SET last_error = :error, state = :state WHERE id = :id")
                .param("error", Texts.clip(error, 1000))
                .param("state", park ? "PARKED" : "PENDING").param("id", id).update();
    }

    private Duration backoff(int attempt) {
        Duration next = settings.firstRetryAfter().multipliedBy(1L << Math.min(attempt - 1, 20));
        return next.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : next;
    }

    static String sign(String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
