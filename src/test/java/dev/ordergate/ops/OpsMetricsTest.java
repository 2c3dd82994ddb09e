package dev.ordergate.ops;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import java.time.Duration;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A scripted run with a clean order, a business failure (price mismatch, to a reviewer) and a technical failure
 * (Odoo down, to an incident), read back the way Prometheus reads it: every series appears and moves.
 */
@IntegrationTest
class OpsMetricsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxFaults faults;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;

    @AfterEach
    void healPeers() {
        faults.reset();
    }

    @Test
    void businessAndTechnicalFailuresShowAsSeparateSeriesThatMove() {
        Scrape before = Scrape.of(api);

        String clean = submit(sample(uniqueRef()));
        String mismatch = submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        awaitStatus(clean, "COMPLETED");
        awaitStatus(mismatch, "IN_REVIEW");
        faults.failNext("sale.order", "web_save", 1000, SandboxFaults.Fault.HTTP_500);
        String broken = submit(sample(uniqueRef()));
        String brokenInstance = api.get("/api/v1/orders/" + broken).body().path("processInstanceId").asText();
        await().atMost(PATIENCE).until(() -> runtime.createIncidentQuery().processInstanceId(brokenInstance).count() == 1);

        Scrape after = await().atMost(PATIENCE).until(() -> Scrape.of(api),
                s -> s.value("ordergate_incidents_open", "activity", "commitSalesOrder", "peer", "odoo") >= 1
                        && s.value("ordergate_review_tasks_open", "group", "pricing-stewards") >= 1
                        && s.value("ordergate_kpi_pricing_mismatches_per_hundred_orders", "region", "us") > 0);

        assertThat(moved(before, after, "ordergate_orders_received_total", "channel", "b2b-portal")).isGreaterThanOrEqualTo(3);
        assertThat(moved(before, after, "ordergate_orders_completed_total", "channel", "b2b-portal")).isGreaterThanOrEqualTo(1);
        assertThat(moved(before, after, "ordergate_order_milestone_latency_seconds_count", "milestone", "COMPLETED"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.value("ordergate_order_milestone_latency_seconds_bucket", "milestone", "VALIDATED", "le", "+Inf"))
                .isPositive();
        assertThat(moved(before, after, "ordergate_gate_outcomes_total",
                "gate", "pricing", "outcome", "exception", "reason", "price-mismatch")).isGreaterThanOrEqualTo(1);
        assertThat(moved(before, after, "ordergate_gate_outcomes_total", "gate", "credit", "outcome", "passed"))
                .isGreaterThanOrEqualTo(2);
        assertThat(moved(before, after, "ordergate_peer_calls_seconds_count", "peer", "odoo", "outcome", "server_error"))
                .isGreaterThanOrEqualTo(1);
        assertThat(moved(before, after, "ordergate_peer_calls_seconds_count", "peer", "wms", "outcome", "success"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.value("ordergate_review_tasks_oldest_age_seconds", "group", "pricing-stewards")).isNotNegative();
        // The KPIs per region: these orders are the US's.
        assertThat(after.value("ordergate_kpi_manual_touch_rate_ratio", "region", "us")).isBetween(0.0001, 1.0);
        assertThat(after.value("ordergate_kpi_order_accuracy_ratio", "region", "us")).isBetween(0.0, 1.0);
        assertThat(after.value("ordergate_kpi_fulfillment_latency_median_seconds", "region", "us")).isPositive();
        assertThat(after.has("ordergate_jobs_backlog")).isTrue();
        assertThat(after.has("ordergate_jobs_retrying")).isTrue();
        assertThat(after.value("resilience4j_circuitbreaker_state", "name", "odoo", "state", "closed")).isEqualTo(1);
        assertThat(after.has("resilience4j_bulkhead_available_concurrent_calls")).isTrue();

        faults.reset();
        management.setJobRetries(runtime.createIncidentQuery().processInstanceId(brokenInstance).singleResult()
                .getConfiguration(), 1);
        awaitStatus(broken, "COMPLETED");
        await().atMost(PATIENCE).until(() -> Scrape.of(api)
                .value("ordergate_incidents_open", "activity", "commitSalesOrder", "peer", "odoo")
                < after.value("ordergate_incidents_open", "activity", "commitSalesOrder", "peer", "odoo"));
    }

    private static double moved(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private String submit(String body) {
        var response = api.post("/api/v1/orders", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    private void awaitStatus(String id, String status) {
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body().path("status").asText(),
                status::equals);
    }
}
