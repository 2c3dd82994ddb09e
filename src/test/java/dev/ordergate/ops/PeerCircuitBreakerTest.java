package dev.ordergate.ops;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A failing peer opens its circuit: later attempts are not sent to it, and each one is still a technical failure
 * of the job (retry, then incident), never a silent fallback.
 */
@IntegrationTest
class PeerCircuitBreakerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxFaults faults;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @AfterEach
    void healPeerAndCloseCircuit() {
        faults.reset();
        breakers.circuitBreaker("odoo").reset();
    }

    @Test
    void aFailingPeerOpensItsCircuitAndLaterAttemptsNeverReachItButEndAsIncidents() {
        CircuitBreaker odoo = breakers.circuitBreaker("odoo");
        odoo.reset();
        faults.reset();
        faults.failNext("res.partner", "*", 10_000, SandboxFaults.Fault.HTTP_503);

        // Eight orders, each tried at least twice at the master-data gate (R2 in the test profile): more attempts
        // than the ten calls the breaker needs to judge the peer.
        List<String> instances = IntStream.range(0, 8).mapToObj(i -> submit(sample(uniqueRef()))).toList();

        await().atMost(PATIENCE).until(() -> instances.stream()
                .allMatch(pi -> runtime.createIncidentQuery().processInstanceId(pi).count() == 1));
        long attempts = instances.stream().mapToLong(pi -> history.createHistoricJobLogQuery().processInstanceId(pi)
                .failureLog().count()).sum();
        int reachedThePeer = faults.callCounts().entrySet().stream()
                .filter(e -> e.getKey().startsWith("res.partner/")).mapToInt(java.util.Map.Entry::getValue).sum();
        List<Incident> incidents = instances.stream()
                .map(pi -> runtime.createIncidentQuery().processInstanceId(pi).singleResult()).toList();

        assertThat(odoo.getState()).isIn(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);
        assertThat(attempts).isGreaterThanOrEqualTo(16);
        assertThat(reachedThePeer).isPositive().isLessThan((int) attempts);
        assertThat(incidents).allSatisfy(i -> assertThat(i.getActivityId()).isEqualTo("checkMasterData"));
        assertThat(incidents).anySatisfy(i -> assertThat(i.getIncidentMessage()).contains("Circuit breaker of peer 'odoo'"));
        assertThat(Scrape.of(api).value("ordergate_peer_calls_seconds_count", "peer", "odoo", "outcome", "circuit_open"))
                .isPositive();
    }

    private String submit(String body) {
        var response = api.post("/api/v1/orders", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().path("processInstanceId").asText();
    }
}
