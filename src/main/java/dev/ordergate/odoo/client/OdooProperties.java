package dev.ordergate.odoo.client;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Odoo is and who we are there. {@code apiKey} is an API key or, for JSON-RPC only, a password: JSON-RPC
 * accepts either wherever a password goes, JSON-2 only an API key (19.0 transcript 07). It is never logged.
 *
 * @param protocol           {@code auto} asks the server its version and speaks JSON-2 from 19 on, JSON-RPC before
 * @param version            the server's version (e.g. {@code 18.0}) when it should not be asked; empty to ask
 * @param batchSize          ids or values per call when reading, creating or writing many records
 * @param maxConcurrentCalls calls in flight to this Odoo at once (Odoo's HTTP workers are few)
 * @param callsPerSecond     calls started per second; 0 for no limit
 * @param acquireTimeout     how long a call waits for a free slot before it fails as retryable
 */
@ConfigurationProperties("ordergate.odoo")
public record OdooProperties(
        URI url,
        String database,
        String login,
        String apiKey,
        Duration connectTimeout,
        Duration readTimeout,
        int batchSize,
        @DefaultValue("auto") Protocol protocol,
        String version,
        @DefaultValue("4") int maxConcurrentCalls,
        @DefaultValue("0") double callsPerSecond,
        @DefaultValue("PT30S") Duration acquireTimeout) {

    /** How we talk to Odoo; bound from {@code auto}, {@code json-rpc} or {@code json-2}. */
    public enum Protocol { AUTO, JSON_RPC, JSON_2 }

    public OdooProperties with(Protocol protocol, String version) {
        return new OdooProperties(url, database, login, apiKey, connectTimeout, readTimeout, batchSize, protocol,
                version, maxConcurrentCalls, callsPerSecond, acquireTimeout);
    }

    @Override
    public String toString() {
        return "OdooProperties[url=" + url + ", database=" + database + ", login=" + login + ", apiKey=***, protocol="
                + protocol + ", version=" + version + "]";
    }
}
