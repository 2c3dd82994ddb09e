package dev.ordergate.sandbox;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The simulated warehouse: it accepts each release once and, after the configured delay, ships what is left of it
 * and posts a shipment confirmation to our own API, retrying with back-off while that fails. While shipments are
 * paused, a person (or a test) can ship part of a release, report a problem with it (damaged, lost, refused), or
 * put stock back on the shelf, which also tells Ordergate that stock was replenished.
 */
@Component
@ConditionalOnSandbox("wms")
class SimulatedWms implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulatedWms.class);

    record Release(String releaseId, String businessKey, Map<String, Object> shipTo, List<ReleaseLine> lines) {
    }

    record ReleaseLine(String lineRef, String sku, BigDecimal quantity) {
    }

    record ShippedLine(String sku, BigDecimal quantity) {
    }

    record ShipmentConfirmation(String shipmentId, String businessKey, List<ShippedLine> lines, boolean complete) {
    }

    record ProblemReport(String problemId, String businessKey, String problem, List<ShippedLine> lines) {
    }

    record ReturnAdvice(String returnId, String businessKey, List<ShippedLine> lines) {
    }

    record ReturnReceipt(String receiptId, List<ShippedLine> lines) {
    }

    /** An announced return and how far its receipt got: EXPECTED, then RECEIVED once the goods are in. */
    record TrackedReturn(ReturnAdvice advice, String status, boolean receiptDelivered, int attempts, String lastAnswer) {
    }

    /** A release and how far its confirmation got. */
    record Tracked(Release release, String status, boolean confirmationDelivered, int attempts) {
    }

    private final SandboxProperties.Wms settings;
    private final RestClient client;
    private final Map<String, Tracked> releases = new LinkedHashMap<>();
    /** What of each release has left the shelf (shipped or reported as a problem), and how many messages it sent. */
    private final Map<String, Map<String, BigDecimal>> handled = new LinkedHashMap<>();
    private final Map<String, Integer> messages = new LinkedHashMap<>();
    private final Map<String, TrackedReturn> returns = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-wms");
        thread.setDaemon(true);
        return thread;
    });

    private final SandboxFaults faults;
    private final SimulatedWmsStock stock;

    /** Absent when Odoo is real ({@code ordergate.sandbox.odoo.enabled=false}): a real Odoo books its own receipts. */
    private final ObjectProvider<SandboxOdoo> odoo;

    SimulatedWms(SandboxProperties properties, RestClient.Builder builder, SandboxFaults faults, SimulatedWmsStock stock,
                 ObjectProvider<SandboxOdoo> odoo) {
        this.settings = properties.wms();
        this.faults = faults;
        this.stock = stock;
        this.odoo = odoo;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.client = builder.requestFactory(requests).build();
    }

    /** Registers a release; false when it was already known, in which case nothing new happens. */
    synchronized boolean accept(Release release) {
        if (releases.containsKey(release.releaseId())) {
            return false;
        }
        releases.put(release.releaseId(), new Tracked(release, "ACCEPTED", false, 0));
        if (settings.autoShip()) {
            scheduler.schedule(() -> confirm(release.releaseId(), 1), settings.shipmentDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    enum Withdrawal { WITHDRAWN, UNKNOWN, ALREADY_SHIPPED }

    /** Takes a release back before it ships; withdrawing twice is fine, a shipped release cannot be withdrawn. */
    synchronized Withdrawal withdraw(String releaseId) {
        Tracked tracked = releases.get(releaseId);
        if (tracked == null) {
            return Withdrawal.UNKNOWN;
        }
        if ("SHIPPED".equals(tracked.status())) {
            return Withdrawal.ALREADY_SHIPPED;
        }
        releases.put(releaseId, new Tracked(tracked.release(), "WITHDRAWN", false, tracked.attempts()));
        return Withdrawal.WITHDRAWN;
    }

    synchronized Optional<Tracked> find(String releaseId) {
        return Optional.ofNullable(releases.get(releaseId));
    }

    /** Registers an announced return; false when it was already known, in which case nothing new happens. */
    synchronized boolean expect(ReturnAdvice advice) {
        if (returns.containsKey(advice.returnId())) {
            return false;
        }
        returns.put(advice.returnId(), new TrackedReturn(advice, "EXPECTED", false, 0, null));
        if (settings.autoReceiveReturns()) {
            scheduler.schedule(() -> receive(advice.returnId(), 1), settings.returnReceiptDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return true;
    }

    synchronized Optional<TrackedReturn> findReturn(String returnId) {
        return Optional.ofNullable(returns.get(returnId));
    }

    /**
     * The goods of an announced return are in: posts the receipt now (always under the same receipt id, so doing it
     * again, or after the automatic receipt, is a duplicate our API ignores). Empty when the return is unknown.
     */
    Optional<TrackedReturn> receiveNow(String returnId) {
        if (findReturn(returnId).isEmpty()) {
            return Optional.empty();
        }
        post(returnId, 1);
        return findReturn(returnId);
    }

    private void receive(String returnId, int attempt) {
        if (!post(returnId, attempt)) {
            if (attempt >= settings.maxAttempts()) {
                log.warn("Sandbox WMS gives up confirming the receipt of return {} after {} attempts", returnId, attempt);
                return;
            }
            long backoff = settings.retryBackoff().toMillis() << (attempt - 1);
            scheduler.schedule(() -> receive(returnId, attempt + 1), backoff, TimeUnit.MILLISECONDS);
        }
    }

    /** Posts the receipt once; true when our API took it (or already had it). */
    private boolean post(String returnId, int attempt) {
        ReturnAdvice advice = findReturn(returnId).orElseThrow().advice();
        ReturnReceipt receipt = new ReturnReceipt(returnId + "/receipt-1", advice.lines());
        URI target = URI.create(settings.callbackUrl().toString().replaceAll("/+$", "") + "/api/v1/returns/"
                + returnId + "/receipts");
        try {
            String answer = client.post().uri(target).contentType(MediaType.APPLICATION_JSON).body(receipt).retrieve()
                    .body(String.class);
            recordReturn(returnId, true, attempt, answer);
            log.info("Sandbox WMS confirmed the receipt of return {} to {}", returnId, target);
            return true;
        } catch (RestClientException failed) {
            recordReturn(returnId, false, attempt, failed.getMessage());
            log.info("Sandbox WMS could not confirm the receipt of return {} (attempt {}): {}", returnId, attempt,
                    failed.getMessage());
            return false;
        }
    }

    private synchronized void recordReturn(String returnId, boolean delivered, int attempts, String answer) {
        returns.computeIfPresent(returnId, (id, tracked) -> new TrackedReturn(tracked.advice(), "RECEIVED",
                delivered || tracked.receiptDelivered(), Math.max(attempts, tracked.attempts()), answer));
    }

    private void confirm(String releaseId, int attempt) {
        Tracked tracked = find(releaseId).orElseThrow();
        if ("WITHDRAWN".equals(tracked.status())) {
            log.info("Sandbox WMS ships nothing for withdrawn release {}", releaseId);
            return;
        }
        if (faults.shipmentsPaused()) {
            scheduler.schedule(() -> confirm(releaseId, attempt), settings.shipmentDelay().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        Release release = tracked.release();
        List<ShippedLine> rest = remaining(releaseId);
        if (rest.isEmpty()) {
            record(releaseId, "SHIPPED", true, attempt);
            return;
        }
        ShipmentConfirmation confirmation = new ShipmentConfirmation(nextMessageId(releaseId, attempt), release.businessKey(),
                rest, true);
        URI target = URI.create(settings.callbackUrl().toString().replaceAll("/+$", "") + "/api/v1/shipments");
        if (attempt == 1) {
            stock.shipped(confirmation.lines());
        }
        try {
            client.post().uri(target).contentType(MediaType.APPLICATION_JSON).body(confirmation).retrieve().toBodilessEntity();
            handle(releaseId, rest);
            record(releaseId, "SHIPPED", true, attempt);
            log.info("Sandbox WMS confirmed shipment {} to {}", confirmation.shipmentId(), target);
        } catch (RestClientException failed) {
            record(releaseId, "SHIPPED", false, attempt);
            if (attempt >= settings.maxAttempts()) {
                log.warn("Sandbox WMS gives up confirming shipment {} after {} attempts: {}",
                        confirmation.shipmentId(), attempt, failed.getMessage());
                return;
            }
            long backoff = settings.retryBackoff().toMillis() << (attempt - 1);
            log.info("Sandbox WMS could not confirm shipment {} (attempt {}), retrying in {} ms: {}",
                    confirmation.shipmentId(), attempt, backoff, failed.getMessage());
            scheduler.schedule(() -> confirm(releaseId, attempt + 1), backoff, TimeUnit.MILLISECONDS);
        }
    }

    /** Ships part of a release now (all that is left when {@code lines} is empty); answers the confirmation sent. */
    ShipmentConfirmation shipNow(String releaseId, List<ShippedLine> lines) {
        Tracked tracked = find(releaseId).orElseThrow(() -> new IllegalArgumentException("No release " + releaseId));
        refuseBeyondRemaining(releaseId, lines);
        List<ShippedLine> shipping = lines.isEmpty() ? remaining(releaseId) : lines;
        boolean complete = lines.isEmpty() || shipping.equals(remaining(releaseId));
        ShipmentConfirmation confirmation = new ShipmentConfirmation(nextMessageId(releaseId, 1),
                tracked.release().businessKey(), shipping, complete);
        // Told first: goods Ordergate refuses (an order finished meanwhile) stay on the shelf.
        post("/api/v1/shipments", confirmation);
        stock.shipped(shipping);
        handle(releaseId, shipping);
        if (remaining(releaseId).isEmpty()) {
            record(releaseId, "SHIPPED", true, tracked.attempts());
        }
        return confirmation;
    }

    /** Reports goods of a release that will not reach the customer; answers the report sent. */
    ProblemReport reportProblem(String releaseId, String problem, List<ShippedLine> lines) {
        Tracked tracked = find(releaseId).orElseThrow(() -> new IllegalArgumentException("No release " + releaseId));
        refuseBeyondRemaining(releaseId, lines);
        ProblemReport report = new ProblemReport(releaseId + "/problem-" + next(releaseId),
                tracked.release().businessKey(), problem, lines.isEmpty() ? remaining(releaseId) : lines);
        post("/api/v1/shipments/problems", report);
        handle(releaseId, report.lines());
        return report;
    }

    /** Puts stock on the shelf (in the sandbox Odoo) and tells Ordergate, which wakes waiting backorders. */
    void replenish(String sku, BigDecimal quantity) {
        odoo.ifAvailable(simulated -> simulated.adjustStock(sku, quantity.doubleValue()));
        stock.received(List.of(new ShippedLine(sku, quantity)));
        post("/api/v1/shipments/replenishments", Map.of("skus", List.of(sku)));
    }

    private void post(String path, Object body) {
        URI target = URI.create(settings.callbackUrl().toString().replaceAll("/+$", "") + path);
        client.post().uri(target).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }

    /** A warehouse ships only what a release still holds: goods it was never given (or gave out already) cannot leave. */
    static final class NotOnRelease extends RuntimeException {
        NotOnRelease(String message) {
            super(message);
        }
    }

    private void refuseBeyondRemaining(String releaseId, List<ShippedLine> lines) {
        Map<String, BigDecimal> left = new LinkedHashMap<>();
        remaining(releaseId).forEach(l -> left.merge(l.sku(), l.quantity(), BigDecimal::add));
        if (left.isEmpty()) {
            throw new NotOnRelease("Release " + releaseId + " has nothing left: everything on it has left the warehouse");
        }
        Map<String, BigDecimal> asked = new LinkedHashMap<>();
        lines.forEach(l -> asked.merge(l.sku(), l.quantity(), BigDecimal::add));
        asked.forEach((sku, quantity) -> {
            if (quantity.compareTo(left.getOrDefault(sku, BigDecimal.ZERO)) > 0) {
                throw new NotOnRelease("Release " + releaseId + " holds " + left.getOrDefault(sku, BigDecimal.ZERO)
                        .stripTrailingZeros().toPlainString() + " of " + sku + ", not " + quantity.toPlainString());
            }
        });
    }

    private synchronized List<ShippedLine> remaining(String releaseId) {
        Map<String, BigDecimal> done = new LinkedHashMap<>(handled.getOrDefault(releaseId, Map.of()));
        List<ShippedLine> rest = new java.util.ArrayList<>();
        for (ReleaseLine line : releases.get(releaseId).release().lines()) {
            BigDecimal taken = done.getOrDefault(line.sku(), BigDecimal.ZERO).min(line.quantity());
            done.put(line.sku(), done.getOrDefault(line.sku(), BigDecimal.ZERO).subtract(taken));
            BigDecimal left = line.quantity().subtract(taken);
            if (left.signum() > 0) {
                rest.add(new ShippedLine(line.sku(), left));
            }
        }
        return rest;
    }

    private synchronized void handle(String releaseId, List<ShippedLine> lines) {
        Map<String, BigDecimal> done = handled.computeIfAbsent(releaseId, id -> new LinkedHashMap<>());
        lines.forEach(l -> done.merge(l.sku(), l.quantity(), BigDecimal::add));
    }

    /** The first confirmation of a release is {@code <release>/1} (also when retried), the next {@code /2} ... */
    private synchronized String nextMessageId(String releaseId, int attempt) {
        if (attempt > 1) {
            return releaseId + "/" + messages.getOrDefault(releaseId, 1);
        }
        return releaseId + "/" + next(releaseId);
    }

    private synchronized int next(String releaseId) {
        return messages.merge(releaseId, 1, Integer::sum);
    }

    private synchronized void record(String releaseId, String status, boolean delivered, int attempts) {
        releases.computeIfPresent(releaseId, (id, tracked) -> new Tracked(tracked.release(), status, delivered, attempts));
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
