package dev.ordergate.odoo.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Ordergate keeps its access to Odoo in view: the key's file, the health check's cadence, what preflight checks.
 * Bound from {@code ordergate.odoo} beside {@link OdooProperties}, whose positional constructor tests use.
 *
 * @param apiKeyFile         a file holding the API key (a mounted Secret); re-read when it changes, no restart, and it
 *                           wins over {@code api-key}
 * @param apiKeyWarnBefore   how long before the API key expires (Odoo 19 keys last at most three months) health says so
 * @param healthTtl          how long the health component's answer is kept: probes must not each call Odoo
 * @param preflightCustomers customer refs preflight checks exist in Odoo (empty: a sample of Ordergate's customers)
 * @param preflightProducts  product codes preflight checks exist in Odoo (empty: a sample)
 * @param authRetryAfter     while Odoo refuses the key, how long a job waits before it tries again (keeping its
 *                           retries): one operator-facing problem, and orders go on by themselves once the key is fixed
 */
@ConfigurationProperties("ordergate.odoo")
public record OdooAccessProperties(
        Path apiKeyFile,
        @DefaultValue("P14D") Duration apiKeyWarnBefore,
        @DefaultValue("PT30S") Duration healthTtl,
        @DefaultValue List<String> preflightCustomers,
        @DefaultValue List<String> preflightProducts,
        @DefaultValue("PT30S") Duration authRetryAfter) {

    @ConstructorBinding
    public OdooAccessProperties {
    }

    public OdooAccessProperties(Path apiKeyFile, Duration apiKeyWarnBefore, Duration healthTtl, List<String> preflightCustomers,
                         List<String> preflightProducts) {
        this(apiKeyFile, apiKeyWarnBefore, healthTtl, preflightCustomers, preflightProducts, Duration.ofSeconds(30));
    }
}
