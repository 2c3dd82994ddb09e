package dev.ordergate.odoo;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Odoo is and who we are there. {@code apiKey} is an API key or a password: JSON-RPC accepts
 * either wherever a password goes. It is never logged.
 */
@ConfigurationProperties("ordergate.odoo")
public record OdooProperties(
        URI url,
        String database,
        String login,
        String apiKey,
        Duration connectTimeout,
        Duration readTimeout,
        int batchSize) {

    @Override
    public String toString() {
        return "OdooProperties[url=" + url + ", database=" + database + ", login=" + login + ", apiKey=***]";
    }
}
