package dev.ordergate.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each channel wants its status events: a webhook URL and the secret the body is signed with (HMAC-SHA256 in
 * {@code X-Ordergate-Signature: sha256=<hex>}), and how hard delivery tries before an event is parked.
 */
@ConfigurationProperties("ordergate.status-events")
public record ChannelProperties(Map<String, Webhook> channels, int maxAttempts, Duration firstRetryAfter,
                                Duration maxRetryAfter) {

    public record Webhook(URI url, String secret) {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=***]";
        }
    }

    Webhook webhookOf(String channel) {
        return channels == null ? null : channels.get(channel);
    }
}
