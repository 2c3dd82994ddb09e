package dev.ordergate.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooJson2;
import dev.ordergate.odoo.client.OdooProperties.Protocol;
import dev.ordergate.odoo.client.OdooProperties;
import dev.ordergate.odoo.client.OdooRpc;
import dev.ordergate.sandbox.SandboxFaults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Not a test: writes a 10,000-line price list into the sandbox Odoo (simulating 19, over real HTTP on loopback)
 * through our client, batched ({@code create} with values lists of {@code batchSize}) and one call per line, over
 * JSON-2 and JSON-RPC, and prints calls and seconds. Excluded from {@code mvn verify}; docs/benchmarks.md says how
 * to run it and what it measured.
 */
@Tag("benchmark")
@SpringBootTest(classes = OdooTest.Setup.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PriceListWriteBenchmark {

    static final int LINES = Integer.getInteger("benchmark.lines", 10_000);
    static final int BATCH = Integer.getInteger("benchmark.batch", 200);
    static final ConfigurableApplicationContext SANDBOX = startSandbox();

    @Autowired
    OdooRpc rpc;
    @Autowired
    OdooJson2 json2;

    private static ConfigurableApplicationContext startSandbox() {
        try {
            return new SpringApplicationBuilder(Class.forName("dev.ordergate.sandbox.SandboxTestApplication"))
                    .properties("server.port=0", "ordergate.sandbox.odoo.version=19",
                            "ordergate.sandbox.wms.auto-ship=false", "logging.level.root=warn")
                    .run();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sandboxUrl() {
        return "http://localhost:" + SANDBOX.getEnvironment().getProperty("local.server.port") + "/sandbox/odoo";
    }

    @DynamicPropertySource
    static void sandboxOdoo(DynamicPropertyRegistry registry) {
        registry.add("ordergate.odoo.url", PriceListWriteBenchmark::sandboxUrl);
        registry.add("ordergate.odoo.read-timeout", () -> "PT120S");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void writeTenThousandPriceListLines() throws IOException {
        List<String> rows = new ArrayList<>();
        // A warm-up run of each kind first, so the JIT and the connection pool are not in the first figures.
        for (boolean measured : new boolean[] {false, true}) {
            for (Protocol protocol : List.of(Protocol.JSON_2, Protocol.JSON_RPC)) {
                for (boolean batched : new boolean[] {true, false}) {
                    String row = run(protocol, batched, measured ? LINES : Math.min(LINES, 1_000));
                    if (measured) {
                        rows.add(row);
                    }
                }
            }
        }
        String table = "| protocol | writes | lines | calls to Odoo | seconds | lines/s |\n|---|---|---|---|---|---|\n"
                + String.join("\n", rows) + "\n";
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark-price-list.md"), table);
    }

    private String run(Protocol protocol, boolean batched, int lines) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OdooClient odoo = new OdooClient(rpc, json2, new OdooProperties(URI.create(sandboxUrl()), "sandbox", "admin",
                "sandbox-admin-key", Duration.ofSeconds(2), Duration.ofSeconds(120), BATCH, protocol, null, 4, 0,
                Duration.ofSeconds(30)), meters);
        odoo.server();
        SandboxFaults faults = SANDBOX.getBean(SandboxFaults.class);
        faults.reset();
        int pricelist = odoo.create("product.pricelist", Map.of("name", "Benchmark " + protocol + " " + batched,
                "currency_id", 1));
        JsonNode products = odoo.searchRead("product.product", List.of(), List.of("id"));
        List<Map<String, Object>> items = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("pricelist_id", pricelist);
            item.put("applied_on", "0_product_variant");
            item.put("product_id", products.get(i % products.size()).get("id").intValue());
            item.put("min_quantity", i / products.size() + 1);
            item.put("compute_price", "fixed");
            item.put("fixed_price", 10 + (i % 997) / 100.0);
            items.add(item);
        }
        long started = System.nanoTime();
        if (batched) {
            odoo.createMany("product.pricelist.item", items);
        } else {
            items.forEach(item -> odoo.create("product.pricelist.item", item));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int calls = faults.callCount("product.pricelist.item", "create");
        return "| %s | %s | %,d | %,d | %.1f | %,.0f |".formatted(protocol == Protocol.JSON_2 ? "JSON-2" : "JSON-RPC",
                batched ? "create, " + BATCH + " values per call" : "create, one per line", lines, calls, seconds,
                lines / seconds);
    }
}
