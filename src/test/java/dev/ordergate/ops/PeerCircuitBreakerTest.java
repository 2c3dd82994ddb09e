package dev.ordergate.ops;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.OrderTasks;
import dev.ordergate.sandbox.SandboxFaults;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A failing peer opens its circuit: later attempts are not sent to it, and a job that finds its peer unreachable
 * (circuit open, HTTP 503) waits for the peer without spending its retries, so an outage the breaker rides out ends
 * with every order completed and no incident. The test profile's retry cycle is R2/PT1S: two attempts per step, so
 * any order with three failed attempts at one step would have been an incident before.
 */
@IntegrationTest
class PeerCircuitBreakerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final int RETRY_BUDGET = 2;

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxFaults faults;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;

    @AfterEach
    void healPeerAndCloseCircuit() {
        faults.reset();
        breakers.circuitBreaker("odoo").reset();
    }

    @Test
    void aFailingPeerOpensItsCircuitAndTheJobsWaitForItWithoutSpendingTheirRetries() {
        CircuitBreaker odoo = breakers.circuitBreaker("odoo");
        odoo.reset();
        faults.reset();
        double refusedBefore = circuitOpen();
        faults.failNext("product.product", "*", 10_000, SandboxFaults.Fault.HTTP_503);

        List<String> instances = IntStream.range(0, 8).mapToObj(i -> api.processInstanceId(api.submitOrder(
                sample(uniqueRef())))).toList();
        // More failed attempts than the eight orders' retry budgets hold, and each order past its own budget.
        await().atMost(PATIENCE).until(() -> instances.stream().allMatch(pi -> failures(pi) > RETRY_BUDGET));

        long attempts = instances.stream().mapToLong(this::failures).sum();
        int reachedThePeer = faults.callCounts().entrySet().stream()
                .filter(e -> e.getKey().startsWith("product.product/")).mapToInt(java.util.Map.Entry::getValue).sum();
        List<Job> waiting = instances.stream()
                .flatMap(pi -> OrderTasks.failingJobs(management, runtime, pi).stream())
                .toList();
        assertThat(odoo.getState()).isIn(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);
        assertThat(circuitOpen() - refusedBefore).isPositive();
        assertThat(reachedThePeer).isPositive().isLessThan((int) attempts);
        assertThat(incidents(instances)).isZero();
        assertThat(waiting).isNotEmpty().allSatisfy(job -> {
            assertThat(job.getRetries()).as("retries left").isEqualTo(RETRY_BUDGET);
            assertThat(job.getExceptionMessage()).containsIgnoringCase("peer 'odoo'");
        });

        faults.reset();
        instances.forEach(pi -> await().atMost(PATIENCE).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceId(pi).count() == 0));
        assertThat(incidents(instances)).isZero();
        assertThat(pastIncidents(instances)).isZero();
    }

    @Test
    void anOdooOutageWithOrdersInFlightAtManyStepsEndsWithEveryOrderCompletedAndNoIncident() throws Exception {
        faults.reset();
        breakers.circuitBreaker("odoo").reset();
        // The first orders wait at the warehouse until Odoo is gone, so the outage meets them at the delivery as well
        // as the newer ones at the gates, however fast the machine is.
        faults.pauseShipments();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(api.submitOrder(sample(uniqueRef())));
            Thread.sleep(400);
        }
        // Odoo away for 25 s (a minute on the production cycle R5/PT30S behaves the same: a job waiting for an
        // unreachable peer spends nothing), while orders are at different steps and more keep arriving.
        Instant outageEnds = Instant.now().plusSeconds(25);
        faults.unavailableUntil(outageEnds);
        while (Instant.now().isBefore(outageEnds.minusSeconds(15))) {
            orders.add(api.submitOrder(sample(uniqueRef())));
            Thread.sleep(1000);
        }
        faults.resumeShipments();
        List<String> instances = orders.stream().map(api::processInstanceId).toList();
        while (Instant.now().isBefore(outageEnds)) {
            assertThat(incidents(instances)).as("incidents while Odoo is away").isZero();
            Thread.sleep(1000);
        }

        orders.forEach(id -> api.awaitOrderStatus(id, "COMPLETED"));

        Set<String> stepsThatWaited = instances.stream()
                .flatMap(pi -> failureLog(pi).stream().map(HistoricJobLog::getActivityId))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        long overBudget = instances.stream().filter(pi -> failureLog(pi).stream()
                .collect(Collectors.groupingBy(HistoricJobLog::getActivityId, Collectors.counting())).values().stream()
                .anyMatch(n -> n >= RETRY_BUDGET)).count();
        System.out.printf("PeerCircuitBreakerTest: %d orders, steps that waited for Odoo: %s, orders with at least "
                + "%d failed attempts at one step: %d%n", orders.size(), stepsThatWaited, RETRY_BUDGET, overBudget);
        assertThat(stepsThatWaited).as("steps at which orders met the outage").hasSizeGreaterThanOrEqualTo(2);
        assertThat(overBudget).as("orders that failed as often as their retry budget allows at one step").isPositive();
        assertThat(incidents(instances)).isZero();
        assertThat(pastIncidents(instances)).isZero();
    }

    private long failures(String processInstanceId) {
        return failureLog(processInstanceId).size();
    }

    private List<HistoricJobLog> failureLog(String processInstanceId) {
        return OrderTasks.failureLog(history, processInstanceId);
    }

    private long pastIncidents(List<String> instances) {
        return instances.stream().mapToLong(pi -> history.createHistoricIncidentQuery().processInstanceId(pi).count())
                .sum();
    }

    private long incidents(List<String> instances) {
        return instances.stream().mapToLong(pi -> runtime.createIncidentQuery().processInstanceId(pi).count()).sum();
    }

    private double circuitOpen() {
        return Scrape.of(api).value("ordergate_peer_calls_seconds_count", "peer", "odoo", "outcome", "circuit_open");
    }
}
