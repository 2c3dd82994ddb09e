package dev.ordergate.notify;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who gets mail: a mailbox per reviewer group (a shared inbox, or a distribution list), the sender, and how often
 * the outbox is drained.
 */
@ConfigurationProperties("ordergate.notify")
public record NotifyProperties(String from, Map<String, String> groups, String fallback, int maxAttempts) {

    public String addressOf(String group) {
        return groups == null ? fallback : groups.getOrDefault(group, fallback);
    }
}
