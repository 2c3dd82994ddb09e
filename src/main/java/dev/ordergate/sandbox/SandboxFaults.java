package dev.ordergate.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Fault injection and call counting for the simulated Odoo, for tests of retries and idempotency.
 * <p>
 * Calls are keyed by model and method ({@code "sale.order", "create"}); calls to the {@code common} and
 * {@code db} services use the service name as the model ({@code "common", "authenticate"}). A method of
 * {@code "*"} matches every method of the model. Every call that reaches the endpoint is counted, including
 * the ones answered with a fault.
 * <ul>
 *   <li>{@link #failNext} makes the next {@code times} matching calls fail with the given {@link Fault};</li>
 *   <li>{@link #callCount} and {@link #callCounts} tell how often a method was called;</li>
 *   <li>{@link #unavailableUntil} answers every call with HTTP 503 until then: an outage of the whole server;</li>
 *   <li>{@link #refuseNext} makes the simulated credit service, tax service, WMS or pricing engine refuse its next calls with HTTP 422;</li>
 *   <li>{@link #reset} forgets pending faults, refusals, outages and counts.</li>
 * </ul>
 */
@Component
@ConditionalOnSandbox
public class SandboxFaults {

    /** What the endpoint does instead of answering normally. */
    public enum Fault {
        /** Does not perform the call; answers HTTP 200 with a JSON-RPC {@code psycopg2.OperationalError}. */
        SERVER_ERROR,
        /**
         * Does not perform the call; answers Odoo's {@code UserError} with {@link #REFUSAL}, as real Odoo refuses a
         * call on business grounds (an archived product, a locked order).
         */
        USER_ERROR,
        /**
         * Does not perform the call; answers HTTP 500, as Odoo's server does when a worker dies mid-request: a failure
         * of Odoo's, retried and then an incident (unlike {@link #HTTP_503}, which is waited out).
         */
        HTTP_500,
        /** Does not perform the call; answers HTTP 503. */
        HTTP_503,
        /** Performs the call, then answers HTTP 502 so the caller never sees the result. */
        LOSE_RESPONSE,
        /** Answers normally; a placeholder that {@link #failAfter} queues for the calls it lets through. */
        NONE
    }

    /** The text of a {@link Fault#USER_ERROR}, so a test can look for it where a person reads it. */
    public static final String REFUSAL = "This record is locked or archived and cannot be changed (a refusal the sandbox was told to give)";

    private final Map<String, Deque<Fault>> pending = new HashMap<>();
    private final Map<String, Integer> refusals = new HashMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private Instant outageEnds = Instant.MIN;

    public synchronized void failNext(String model, String method, int times, Fault fault) {
        Deque<Fault> queue = pending.computeIfAbsent(key(model, method), key -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    /**
     * Lets the next {@code succeeding} matching calls through and makes the {@code times} after them fail: "the
     * third write dies", for tests of runs that stop half-way.
     */
    public synchronized void failAfter(String model, String method, int succeeding, int times, Fault fault) {
        Deque<Fault> queue = pending.computeIfAbsent(key(model, method), key -> new ArrayDeque<>());
        for (int i = 0; i < succeeding; i++) {
            queue.add(Fault.NONE);
        }
        failNext(model, method, times, fault);
    }

    /** Odoo is down, for every model and method, until the given instant (the outage scenario of issue 10). */
    public synchronized void unavailableUntil(Instant end) {
        outageEnds = end;
    }

    public synchronized void reset() {
        outageEnds = Instant.MIN;
        pending.clear();
        counts.clear();
        refusals.clear();
        shipmentsPaused = false;
    }

    /**
     * The simulated {@code "credit"} service, {@code "tax"} service, {@code "wms"} or {@code "pricing"} engine refuses
     * its next {@code times} calls (the WMS its releases and announced returns) with HTTP 422 and {@link #REFUSAL} as the problem's detail, the shape their
     * contracts give a business refusal; the Odoo counterpart is {@link Fault#USER_ERROR}. Not counted in
     * {@link #callCounts}, which counts Odoo's calls.
     */
    public synchronized void refuseNext(String peer, int times) {
        refusals.merge(peer, times, Integer::sum);
    }

    /** The refusal planned for this call of the peer, if any: HTTP 422 with a problem detail. */
    synchronized Optional<ResponseEntity<ProblemDetail>> refusal(String peer) {
        int left = refusals.getOrDefault(peer, 0);
        if (left <= 0) {
            return Optional.empty();
        }
        refusals.put(peer, left - 1);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, REFUSAL);
        problem.setTitle("Refused");
        return Optional.of(ResponseEntity.unprocessableEntity().body(problem));
    }

    private boolean shipmentsPaused;

    /** The simulated WMS holds every shipment until {@link #resumeShipments()} (to catch an order before it ships). */
    public synchronized void pauseShipments() {
        shipmentsPaused = true;
    }

    public synchronized void resumeShipments() {
        shipmentsPaused = false;
    }

    synchronized boolean shipmentsPaused() {
        return shipmentsPaused;
    }

    public synchronized int callCount(String model, String method) {
        return counts.getOrDefault(key(model, method), 0);
    }

    /** Calls so far by {@code "model/method"}. */
    public synchronized Map<String, Integer> callCounts() {
        return Map.copyOf(counts);
    }

    /** Counts a call and hands out the fault planned for it, if any. */
    synchronized Fault onCall(String model, String method) {
        counts.merge(key(model, method), 1, Integer::sum);
        if (Instant.now().isBefore(outageEnds)) {
            return Fault.HTTP_503;
        }
        for (String key : new String[] {key(model, method), key(model, "*")}) {
            Deque<Fault> queue = pending.get(key);
            if (queue != null && !queue.isEmpty()) {
                Fault fault = queue.poll();
                return fault == Fault.NONE ? null : fault;
            }
        }
        return null;
    }

    private static String key(String model, String method) {
        return model + "/" + method;
    }
}
