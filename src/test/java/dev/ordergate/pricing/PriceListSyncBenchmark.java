package dev.ordergate.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.FreePort;
import dev.ordergate.OrdergateApplication;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SimulatedPricingEngine.Agreement;
import dev.ordergate.sandbox.SimulatedPricingEngine;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: a 50,000-item price list through the real price-list sync — the application on its embedded default
 * (H2, the job executor, the sandbox Odoo 18 over JSON-RPC on real HTTP), started through the API, run to
 * COMPLETED — counting every call that reached the sandbox Odoo, against the naive one call per item. Then the same
 * feed again (nothing to write) and with 1 % of the prices changed. Excluded from {@code mvn verify}:
 * {@code mvn -B test -Dsurefire.excludedGroups=none -Dgroups=benchmark -Dtest=PriceListSyncBenchmark}; figures in
 * docs/benchmarks.md and {@code target/benchmark-price-list-sync.md}.
 */
@Tag("benchmark")
class PriceListSyncBenchmark {

    static final int ITEMS = Integer.getInteger("benchmark.items", 50_000);
    static final String[] SKUS = {"E-COM07", "E-COM08", "FURN_0269", "FURN_8888", "SVC-INSTALL"};
    static final Duration PATIENCE = Duration.ofMinutes(Long.getLong("benchmark.minutes", 60));

    static ConfigurableApplicationContext app;
    static ApiClient api;

    @BeforeAll
    static void start() {
        int port = FreePort.find();
        Map<String, Object> properties = new TreeMap<>(Map.of(
                "server.port", port,
                "spring.datasource.url", "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                "camunda.bpm.process-engine-name", "benchmark",
                "ordergate.sandbox.wms.auto-ship", "false",
                "ordergate.sync.price-lists.schedule", "0 0 3 1 1 ?",
                "ordergate.odoo.read-timeout", "PT120S",
                "logging.level.root", "warn"));
        // Every sync timer out of the way: the benchmark starts its runs through the API.
        for (String domain : java.util.List.of("prices", "master-data", "availability", "orders")) {
            properties.put("ordergate.sync.timing." + domain + ".mode", "batch");
            properties.put("ordergate.sync.timing." + domain + ".cron", "0 0 3 1 1 ?");
        }
        app = new SpringApplicationBuilder(OrdergateApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        api = new ApiClient(String.valueOf(port));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void fiftyThousandItemPriceList() throws IOException {
        SimulatedPricingEngine engine = app.getBean(SimulatedPricingEngine.class);
        SandboxFaults faults = app.getBean(SandboxFaults.class);
        int chunkSize = app.getEnvironment().getProperty("ordergate.sync.price-lists.chunk-size", Integer.class, 500);
        String pricelist = "Benchmark " + UUID.randomUUID().toString().substring(0, 8);
        List<Agreement> feed = feed(pricelist, 0);
        List<String> rows = new ArrayList<>();
        String loadBefore = loadAverage();

        engine.publish(feed);
        rows.add(run("first run: " + ITEMS + " new items", faults, chunkSize));
        rows.add(run("same feed again: nothing to write", faults, chunkSize));
        engine.publish(feed(pricelist, ITEMS / 100));
        rows.add(run("1 % of the prices changed", faults, chunkSize));

        String table = """
                Machine: %d cores, JDK %s, %s; load average (1/5/15 min) before: %s, after: %s

                | run | items in feed | chunk size | calls to Odoo | of which create/write | items written (naive: one call each) | seconds | items/s |
                |---|---|---|---|---|---|---|---|
                %s
                """.formatted(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                OffsetDateTime.now(), loadBefore, loadAverage(), String.join("\n", rows));
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark-price-list-sync.md"), table);
    }

    private String run(String what, SandboxFaults faults, int chunkSize) {
        Map<String, Integer> before = faults.callCounts();
        long started = System.nanoTime();
        ApiClient.Response start = api.post("/api/v1/sync/price-lists", "");
        assertThat(start.status()).isEqualTo(202);
        String id = start.body().path("id").asText();
        JsonNode report = null;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            report = api.get("/api/v1/sync/runs/" + id).body();
            if ("COMPLETED".equals(report.path("status").asText())) {
                break;
            }
            sleep();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(report.path("status").asText()).as("run %s finished within %s", id, PATIENCE).isEqualTo("COMPLETED");
        Map<String, Integer> after = faults.callCounts();
        int calls = 0;
        int writes = 0;
        Map<String, Integer> byMethod = new TreeMap<>();
        for (Map.Entry<String, Integer> e : after.entrySet()) {
            int delta = e.getValue() - before.getOrDefault(e.getKey(), 0);
            if (delta > 0) {
                calls += delta;
                byMethod.put(e.getKey(), delta);
                if (e.getKey().endsWith("write") || e.getKey().endsWith("create")) {
                    writes += delta;
                }
            }
        }
        JsonNode counts = report.path("counts");
        long changed = counts.path("created").asLong() + counts.path("updated").asLong() + counts.path("expired").asLong();
        System.out.println(what + ": " + counts + " calls " + byMethod);
        return "| %s (%s) | %,d | %d | %,d | %,d | %,d | %.1f | %,.0f |".formatted(what, byMethod, ITEMS, chunkSize,
                calls, writes, changed, seconds, ITEMS / seconds);
    }

    private static List<Agreement> feed(String pricelist, int changed) {
        List<Agreement> feed = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            String sku = SKUS[i % SKUS.length];
            BigDecimal minQuantity = BigDecimal.valueOf(i / SKUS.length + 1L);
            BigDecimal price = BigDecimal.valueOf(1000 + i % 997, 2).add(i < changed ? BigDecimal.ONE : BigDecimal.ZERO);
            feed.add(new Agreement(pricelist, "USD", null, sku, minQuantity, price, null, null));
        }
        return feed;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
