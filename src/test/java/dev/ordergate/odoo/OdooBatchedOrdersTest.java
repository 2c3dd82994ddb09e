package dev.ordergate.odoo;

import static dev.ordergate.SampleOrders.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.OrdergateApplication;
import dev.ordergate.SampleOrders;
import dev.ordergate.TestPostgres;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 15's target for a peak: fifty orders that queue, from intake to COMPLETED, with micro-batching on, cost Odoo
 * at most four calls per order amortised (the same orders cost 14 each with batching off, OdooCallsPerOrderTest).
 * A node of its own (PostgreSQL, the in-process sandbox reached over HTTP), with job threads enough for orders to
 * meet at a step: a batch is never larger than the jobs running at once. Counted by the sandbox, by model and method,
 * so what is asserted is a count.
 */
@Tag("own-context")
class OdooBatchedOrdersTest {

    private static final Logger log = LoggerFactory.getLogger(OdooBatchedOrdersTest.class);
    private static final int ORDERS = 50;
    private static final int JOB_THREADS = 30;

    private static ConfigurableApplicationContext node;
    private static int port;

    @BeforeAll
    static void startNodeWithBatchingOn() throws IOException {
        port = dev.ordergate.FreePort.find();
        Map<String, Object> properties = new TreeMap<>(Map.ofEntries(
                Map.entry("server.port", port),
                Map.entry("spring.datasource.url", TestPostgres.freshDatabase("ordergate_batched_orders")),
                Map.entry("spring.datasource.username", TestPostgres.username()),
                Map.entry("spring.datasource.password", ""),
                Map.entry("camunda.bpm.process-engine-name", "batched-orders"),
                Map.entry("ordergate.sandbox.wms.callback-url", "http://localhost:" + port),
                Map.entry("ordergate.odoo.batching.enabled", true),
                // Orders reach a step spread out by the steps before it (the price gate's calls one order at a
                // time); on a loaded 2-core machine a window of 1 s met them in batches of about four, 3 s in
                // batches of ten and more. A full batch goes at once.
                Map.entry("ordergate.odoo.batching.window", "PT3S"),
                Map.entry("camunda.bpm.job-execution.core-pool-size", JOB_THREADS),
                Map.entry("camunda.bpm.job-execution.max-pool-size", JOB_THREADS),
                Map.entry("camunda.bpm.job-execution.queue-capacity", ORDERS),
                Map.entry("camunda.bpm.job-execution.max-jobs-per-acquisition", ORDERS),
                // Two connections per job thread: the commit and the invoice record their attempt in a transaction of their own.
                Map.entry("spring.datasource.hikari.maximum-pool-size", 2 * JOB_THREADS + 4),
                // The Odoo bulkhead of two job threads would turn most of thirty threads' calls away.
                Map.entry("resilience4j.bulkhead.configs.default.max-concurrent-calls", 8),
                Map.entry("resilience4j.bulkhead.configs.default.max-wait-duration", "30s"),
                Map.entry("ordergate.rate-limits.enabled", false)));
        node = new SpringApplicationBuilder(OrdergateApplication.class).profiles("test", "postgres")
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void fiftyQueuedOrdersCostOdooAtMostFourCallsEachWithBatchingOn() throws Exception {
        ApiClient api = new ApiClient(String.valueOf(port));
        SandboxFaults faults = node.getBean(SandboxFaults.class);
        String run = UUID.randomUUID().toString().substring(0, 8);
        // A node that has served an order keeps its user's company and the pricelist's currency; a cold node's first
        // fifty orders would all ask at once.
        awaitStatus(api, List.of(api.submitOrder(order(run + "-warm-up"))), "COMPLETED");
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            refs.add("BATCHED-" + run + "-" + i);
        }
        // The warehouse confirms the wave's shipments together, as a warehouse closing a wave does (the simulated
        // WMS alone confirms one release at a time): the orders queue at the delivery.
        faults.pauseShipments();
        Map<String, Integer> before = faults.callCounts();

        List<Object> ids = QueuedCalls.together(refs, ref -> api.submitOrder(order(ref)));
        awaitStatus(api, ids, "RELEASED");
        List<Object> shipped = QueuedCalls.together(refs, ref -> api.post("/sandbox/wms/v1/releases/b2b-portal:" + ref
                + "/shipments", "{\"lines\": [{\"sku\": \"FURN_0269\", \"quantity\": 1}, {\"sku\": \"E-COM08\", \"quantity\": 1}]}")
                .status());
        assertThat(shipped).allMatch(status -> status.equals(200));
        awaitStatus(api, ids, "COMPLETED");

        Map<String, Integer> calls = QueuedCalls.added(faults.callCounts(), before);
        int total = calls.values().stream().mapToInt(Integer::intValue).sum();
        log.info("Odoo calls of {} queued orders with batching on: {} in all, by model/method {}", ORDERS, total, calls);
        SandboxOdoo odoo = node.getBean(SandboxOdoo.class);
        refs.forEach(ref -> {
            assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).as(ref).hasSize(1);
            assertThat(odoo.movesByClientRef("b2b-portal:" + ref)).as("%s: one invoice of its own", ref).hasSize(1);
        });
        // Without batching: 14 each, 700 in all. The price gate's onchange per line is the one step not batched.
        assertThat(total).as("Odoo calls of %d orders, by model/method %s", ORDERS, calls).isLessThanOrEqualTo(4 * ORDERS);
    }

    /** Two lines, as the README order; one unit each keeps fifty orders within the customer's credit limit. */
    private static String order(String ref) {
        return SampleOrders.order(ref, "C-10042", "US", "93701",
                line("1", "FURN_0269", "1", "299.00") + "," + line("2", "E-COM08", "1", "14.22"));
    }

    private static void awaitStatus(ApiClient api, List<?> ids, String status) {
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).until(() -> ids.stream()
                .allMatch(id -> status.equals(api.get("/api/v1/orders/" + id).body().path("status").asText())));
    }
}
