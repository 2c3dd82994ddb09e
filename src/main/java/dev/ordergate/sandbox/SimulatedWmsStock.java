package dev.ordergate.sandbox;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The simulated WMS's stock: the same products and quantities as the sandbox Odoo's seed, in warehouse {@code WH}.
 * It serves a snapshot ({@code GET /sandbox/wms/v1/stock}) and, when it ships, takes the goods off its shelves and
 * posts a stock event per product to our API, as a real WMS would. Tests {@link #set} their own levels (and make
 * them drift from Odoo) and {@link #remove} them again.
 */
@Component
@ConditionalOnSandbox("wms")
public class SimulatedWmsStock {

    private static final Logger log = LoggerFactory.getLogger(SimulatedWmsStock.class);
    static final String WAREHOUSE = "WH";

    public record Level(String sku, String warehouse, BigDecimal onHand, BigDecimal reserved) {
    }

    record Snapshot(OffsetDateTime asOf, List<Level> levels) {
    }

    record StockEvent(String eventId, String sku, String warehouse, BigDecimal onHand, BigDecimal reserved,
                      OffsetDateTime occurredAt) {
    }

    private final Map<String, Level> levels = new LinkedHashMap<>();
    private final Clock clock;
    private final RestClient client;
    private final URI callback;

    SimulatedWmsStock(SandboxProperties properties, RestClient.Builder builder) {
        this.clock = Clock.systemUTC();
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.client = builder.requestFactory(requests).build();
        URI base = properties.wms().callbackUrl();
        this.callback = base == null ? null
                : URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/inventory/events");
        seed();
    }

    /** Back to the seed levels (the sandbox Odoo's on-hand quantities). */
    public synchronized void reset() {
        levels.clear();
        seed();
    }

    public synchronized void set(String sku, String warehouse, BigDecimal onHand, BigDecimal reserved) {
        levels.put(key(sku, warehouse), new Level(sku, warehouse, onHand, reserved));
    }

    public synchronized void remove(String sku, String warehouse) {
        levels.remove(key(sku, warehouse));
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(OffsetDateTime.now(clock), List.copyOf(levels.values()));
    }

    /** Goods left the warehouse: fewer on the shelf, and an event per product to Ordergate. */
    void shipped(List<SimulatedWms.ShippedLine> lines) {
        move(lines, BigDecimal.ONE.negate());
    }

    /** Goods arrived: more on the shelf, and an event per product to Ordergate. */
    void received(List<SimulatedWms.ShippedLine> lines) {
        move(lines, BigDecimal.ONE);
    }

    private void move(List<SimulatedWms.ShippedLine> lines, BigDecimal direction) {
        List<StockEvent> events = new ArrayList<>();
        synchronized (this) {
            for (SimulatedWms.ShippedLine line : lines) {
                Level level = levels.get(key(line.sku(), WAREHOUSE));
                if (level == null) {
                    continue;
                }
                Level after = new Level(level.sku(), level.warehouse(), level.onHand().add(line.quantity().multiply(direction)),
                        level.reserved());
                levels.put(key(after.sku(), after.warehouse()), after);
                events.add(new StockEvent(UUID.randomUUID().toString(), after.sku(), after.warehouse(), after.onHand(),
                        after.reserved(), OffsetDateTime.now(clock)));
            }
        }
        if (callback == null) {
            return;
        }
        for (StockEvent event : events) {
            try {
                client.post().uri(callback).contentType(MediaType.APPLICATION_JSON).body(event).retrieve().toBodilessEntity();
            } catch (RestClientException failed) {
                // The next reconciliation heals the read model from the snapshot; the event is not retried.
                log.info("Sandbox WMS could not post stock event for {}: {}", event.sku(), failed.getMessage());
            }
        }
    }

    private void seed() {
        Map<String, Integer> onHand = new LinkedHashMap<>();
        onHand.put("E-COM07", 2000);
        onHand.put("E-COM08", 1000);
        onHand.put("FURN_0269", 5000);
        onHand.put("FURN_8888", 3);
        onHand.forEach((sku, qty) -> set(sku, WAREHOUSE, BigDecimal.valueOf(qty), BigDecimal.ZERO));
    }

    private static String key(String sku, String warehouse) {
        return sku + "@" + warehouse;
    }

    @RestController
    @ConditionalOnSandbox("wms")
    static class Endpoint {

        private final SimulatedWmsStock stock;

        Endpoint(SimulatedWmsStock stock) {
            this.stock = stock;
        }

        @GetMapping("/sandbox/wms/v1/stock")
        Snapshot snapshot() {
            return stock.snapshot();
        }
    }
}
