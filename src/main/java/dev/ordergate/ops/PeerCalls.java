package dev.ordergate.ops;

import feign.Capability;
import feign.Client;
import feign.Request;
import feign.Response;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Guards and measures every call of every Feign client ({@code odoo}, {@code credit}, {@code tax}, {@code wms}), by
 * the client's name: a circuit breaker that stops sending to a failing or slow peer, a bulkhead that keeps one slow
 * peer from holding every job executor thread, and {@code ordergate.peer.calls} by peer and outcome. Applied as a
 * Feign capability, so the clients (and the odoo package) stay as they are. HTTP 5xx and transport errors count as
 * the peer failing; 4xx answers are the peer working (an unknown customer is a business answer). Public because
 * Feign applies capabilities by reflection.
 */
@Component
public class PeerCalls implements Capability {

    static final String METRIC = "ordergate.peer.calls";

    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final MeterRegistry registry;

    PeerCalls(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads, MeterRegistry registry) {
        this.breakers = breakers;
        this.bulkheads = bulkheads;
        this.registry = registry;
    }

    @Override
    public Client enrich(Client client) {
        return (request, options) -> call(client, request, options);
    }

    private Response call(Client client, Request request, Request.Options options) throws IOException {
        String peer = peerOf(request);
        CircuitBreaker breaker = breakers.circuitBreaker(peer);
        Bulkhead bulkhead = bulkheads.bulkhead(peer);
        if (!breaker.tryAcquirePermission()) {
            record(peer, "circuit_open", 0);
            throw new PeerUnavailableException("Circuit breaker of peer '" + peer + "' is " + breaker.getState()
                    + ": the call was not sent");
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            record(peer, "bulkhead_full", 0);
            throw new PeerUnavailableException("Peer '" + peer + "' already has "
                    + bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " calls in flight: the call was not sent");
        }
        long started = System.nanoTime();
        try {
            Response response = client.execute(request, options);
            long took = System.nanoTime() - started;
            if (response.status() >= 500) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new IOException("HTTP " + response.status()));
                record(peer, "server_error", took);
            } else {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                record(peer, response.status() >= 400 ? "client_error" : "success", took);
            }
            return response;
        } catch (IOException | RuntimeException e) {
            long took = System.nanoTime() - started;
            breaker.onError(took, TimeUnit.NANOSECONDS, e);
            record(peer, e instanceof SocketTimeoutException ? "timeout"
                    : e instanceof ConnectException ? "connect_refused" : "io_error", took);
            throw e;
        } finally {
            bulkhead.onComplete();
        }
    }

    private static String peerOf(Request request) {
        var template = request.requestTemplate();
        return template != null && template.feignTarget() != null ? template.feignTarget().name() : "unknown";
    }

    private void record(String peer, String outcome, long nanos) {
        Timer.builder(METRIC)
                .description("Calls to each peer by outcome; circuit_open and bulkhead_full were never sent")
                .tag("peer", peer).tag("outcome", outcome)
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
                        Duration.ofSeconds(10), Duration.ofSeconds(30))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
