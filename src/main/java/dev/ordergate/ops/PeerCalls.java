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
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Guards and measures every call of every Feign client ({@code odoo}, {@code credit}, {@code tax}, {@code wms}), by
 * the client's name: a circuit breaker that stops sending to a failing or slow peer, a bulkhead that keeps one slow
 * peer from holding every job executor thread, and {@code ordergate.peer.calls} by peer and outcome. Applied as a
 * Feign capability, so the clients (and the odoo package) stay as they are. HTTP 5xx and transport errors count as
 * the peer failing; 4xx answers are the peer working (an unknown customer is a business answer). A peer that cannot be
 * reached (open circuit, full bulkhead, refused connection, HTTP 502/503/504) is a {@link PeerUnavailableException}
 * naming the peer and how long to wait for it. Public because Feign applies capabilities by reflection.
 */
@Component
public class PeerCalls implements Capability {

    static final String METRIC = "ordergate.peer.calls";

    /** The peer, or the proxy in front of it, says it is not there: the call was not served. */
    private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);

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
        String peer = instanceOf(request);
        CircuitBreaker breaker = breakerOf(peer);
        Bulkhead bulkhead = bulkheadOf(peer);
        if (!breaker.tryAcquirePermission()) {
            record(peer, "circuit_open", 0);
            throw new PeerUnavailableException(peer, "Circuit breaker of peer '" + peer + "' is " + breaker.getState()
                    + ": the call was not sent", waitFor(breaker, bulkhead), null);
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            record(peer, "bulkhead_full", 0);
            throw new PeerUnavailableException(peer, "Peer '" + peer + "' already has "
                    + bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " calls in flight: the call was not sent",
                    bulkheadWait(bulkhead), null);
        }
        long started = System.nanoTime();
        try {
            Response response = client.execute(request, options);
            long took = System.nanoTime() - started;
            if (UNAVAILABLE.contains(response.status())) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new IOException("HTTP " + response.status()));
                record(peer, "server_error", took);
                response.close();
                throw new PeerUnavailableException(peer, "Peer '" + peer + "' answered HTTP " + response.status()
                        + ": it is unavailable", waitFor(breaker, bulkhead), null);
            } else if (response.status() >= 500) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new IOException("HTTP " + response.status()));
                record(peer, "server_error", took);
            } else {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                record(peer, response.status() >= 400 ? "client_error" : "success", took);
            }
            return response;
        } catch (PeerUnavailableException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            long took = System.nanoTime() - started;
            breaker.onError(took, TimeUnit.NANOSECONDS, e);
            record(peer, e instanceof SocketTimeoutException ? "timeout"
                    : e instanceof ConnectException ? "connect_refused" : "io_error", took);
            if (e instanceof ConnectException || e instanceof UnknownHostException
                    || e instanceof NoRouteToHostException) {
                throw new PeerUnavailableException(peer, "Peer '" + peer + "' cannot be reached: " + e.getMessage(),
                        waitFor(breaker, bulkhead), e);
            }
            throw e;
        } finally {
            bulkhead.onComplete();
        }
    }

    /**
     * With the circuit open, as long as it stays open: the next attempt finds it half-open and may probe the peer.
     * Otherwise (one failure among successes, a half-open circuit, a full bulkhead) the peer may serve again within
     * moments.
     */
    private static Duration waitFor(CircuitBreaker breaker, Bulkhead bulkhead) {
        return breaker.getState() == CircuitBreaker.State.OPEN
                ? Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
                : bulkheadWait(bulkhead);
    }

    /** A half-open circuit or a full bulkhead frees up within moments; at least a second, so jobs do not spin. */
    private static Duration bulkheadWait(Bulkhead bulkhead) {
        Duration wait = bulkhead.getBulkheadConfig().getMaxWaitDuration();
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }

    /**
     * The breaker, bulkhead and metric name of a call: the client's name, or, for a call a region sends to its own
     * peer (a URL other than the client's, e.g. {@code ordergate.regions.eu.wms-url}), the client's name with that
     * peer's host and port, so one region's outage opens no other region's circuit. A regional peer gets the
     * client's configuration (the {@code resilience4j} instance of the client's name).
     */
    static String instanceOf(Request request) {
        var template = request.requestTemplate();
        if (template == null || template.feignTarget() == null) {
            return "unknown";
        }
        String name = template.feignTarget().name();
        String configured = template.feignTarget().url();
        if (configured == null || configured.isBlank() || request.url().startsWith(configured)) {
            return name;
        }
        java.net.URI own = java.net.URI.create(request.url());
        return name + "@" + own.getHost() + (own.getPort() < 0 ? "" : ":" + own.getPort());
    }

    private CircuitBreaker breakerOf(String peer) {
        int regional = peer.indexOf('@');
        return regional < 0 ? breakers.circuitBreaker(peer) : breakers.circuitBreaker(peer,
                breakers.circuitBreaker(peer.substring(0, regional)).getCircuitBreakerConfig());
    }

    private Bulkhead bulkheadOf(String peer) {
        int regional = peer.indexOf('@');
        return regional < 0 ? bulkheads.bulkhead(peer) : bulkheads.bulkhead(peer,
                bulkheads.bulkhead(peer.substring(0, regional)).getBulkheadConfig());
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
