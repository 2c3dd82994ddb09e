package dev.ordergate.inventory;

import dev.ordergate.OrderTasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.SampleOrders;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SimulatedWmsStock;
import dev.ordergate.sync.SyncRuns;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inventory reconciliation through the API, the real engine, the simulated WMS's snapshot and the sandbox
 * Odoo's quantities over HTTP: drift appears, keeps its first-seen time across runs, and goes when it is fixed.
 */
@IntegrationTest
class InventorySyncProcessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ApiClient api = new ApiClient();
    private final String sku = "DRIFT-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Runnable> undo = new ArrayList<>();

    @Autowired
    SimulatedWmsStock wms;
    @Autowired
    StockLevels readModel;
    @Autowired
    SandboxFaults faults;
    @Autowired
    HistoryService history;
    @Autowired
    BookedStock books;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    SyncRuns runs;

    @AfterEach
    void restore() {
        undo.forEach(Runnable::run);
        faults.reset();
    }

    @Test
    void stockTheWmsHasAndOdooLacksIsDriftUntilItIsFixedAndKeepsWhenItWasFirstSeen() {
        wms.set(sku, "WH", new BigDecimal("40"), BigDecimal.ZERO);
        undo.add(() -> wms.remove(sku, "WH"));

        JsonNode first = awaitCompleted(startRun());

        JsonNode found = finding(first, sku);
        assertThat(found.path("finding").asText()).isEqualTo("NEW");
        assertThat(found.path("wmsQty").decimalValue()).isEqualByComparingTo("40");
        assertThat(found.path("odooQty").decimalValue()).isEqualByComparingTo("0");
        assertThat(found.path("difference").decimalValue()).isEqualByComparingTo("40");
        assertThat(found.path("readModelQty").isNull() || found.path("readModelQty").isMissingNode()).isTrue();
        assertThat(first.path("source").asText()).contains("WMS snapshot as of");
        assertThat(history.createHistoricActivityInstanceQuery()
                .processInstanceId(first.path("processInstanceId").asText()).activityId("stockDrifts").count()).isEqualTo(1);
        OffsetDateTime firstSeen = OffsetDateTime.parse(drift(sku).path("firstSeenAt").asText());
        assertThat(readModel.find(new StockCount.Key(sku, "WH")).orElseThrow().onHand())
                .as("the snapshot healed the read model that no event had told").isEqualByComparingTo("40");

        wms.set(sku, "WH", new BigDecimal("41"), BigDecimal.ZERO);
        JsonNode second = awaitCompleted(startRun());

        assertThat(finding(second, sku).path("finding").asText()).isEqualTo("PERSISTS");
        assertThat(finding(second, sku).path("readModelQty").decimalValue()).isEqualByComparingTo("40");
        JsonNode persisting = drift(sku);
        assertThat(persisting.path("difference").decimalValue()).isEqualByComparingTo("41");
        assertThat(OffsetDateTime.parse(persisting.path("firstSeenAt").asText())).isEqualTo(firstSeen);
        assertThat(OffsetDateTime.parse(persisting.path("lastSeenAt").asText())).isAfter(firstSeen);

        wms.remove(sku, "WH");
        JsonNode third = awaitCompleted(startRun());

        assertThat(finding(third, sku).path("finding").asText()).isEqualTo("RESOLVED");
        assertThat(OffsetDateTime.parse(finding(third, sku).path("firstSeenAt").asText())).isEqualTo(firstSeen);
        assertThat(api.get("/api/v1/sync/inventory/drift").body().path("drift").findValuesAsText("sku")).doesNotContain(sku);
        assertThat(readModel.find(new StockCount.Key(sku, "WH")).orElseThrow().onHand()).isEqualByComparingTo("0");
    }

    @Test
    void stockOdooBooksAndTheWmsNoLongerHoldsIsDriftTheOtherWay() {
        List<JsonNode> before = levels();
        JsonNode lamp = before.stream().filter(l -> l.path("sku").asText().equals("FURN_8888")).findFirst().orElseThrow();
        wms.remove("FURN_8888", "WH");
        undo.add(() -> wms.set("FURN_8888", "WH", lamp.path("onHand").decimalValue(), lamp.path("reserved").decimalValue()));

        JsonNode report = awaitCompleted(startRun());

        JsonNode found = finding(report, "FURN_8888");
        assertThat(found.path("wmsQty").decimalValue()).isEqualByComparingTo("0");
        assertThat(found.path("odooQty").decimalValue()).isPositive();
        assertThat(found.path("difference").decimalValue()).isEqualByComparingTo(found.path("odooQty").decimalValue().negate());
    }

    @Test
    void whatTheWmsShipsReachesTheReadModelAsAStockEvent() {
        // The shared context's earlier orders may have emptied the simulated shelves, and the read model rightly
        // refuses a negative count: give the sample order's goods a shelf of their own for this test.
        List<JsonNode> shelves = levels();
        for (String sku : List.of("FURN_0269", "E-COM07")) {
            shelves.stream().filter(l -> l.path("sku").asText().equals(sku) && l.path("warehouse").asText().equals("WH"))
                    .findFirst().ifPresent(l -> undo.add(() -> wms.set(sku, "WH", l.path("onHand").decimalValue(),
                            l.path("reserved").decimalValue())));
            wms.set(sku, "WH", new BigDecimal("500"), BigDecimal.ZERO);
        }
        String ref = SampleOrders.uniqueRef();
        var submitted = api.post("/api/v1/orders", SampleOrders.sample(ref));
        String id = submitted.body().path("id").asText();
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body(),
                o -> "COMPLETED".equals(o.path("status").asText()));

        BigDecimal shelf = levels().stream().filter(l -> l.path("sku").asText().equals("E-COM07")).findFirst()
                .orElseThrow().path("onHand").decimalValue();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readModel.find(new StockCount.Key("E-COM07", "WH")))
                .hasValueSatisfying(level -> assertThat(level.onHand()).isEqualByComparingTo(shelf)));
    }

    @Test
    void whenTheWmsCountsWhatOdooBooksTheRunFindsNoDriftAndClearsWhatThereWas() {
        List<JsonNode> shelves = levels();
        undo.add(() -> {
            levels().forEach(l -> wms.remove(l.path("sku").asText(), l.path("warehouse").asText()));
            shelves.forEach(l -> wms.set(l.path("sku").asText(), l.path("warehouse").asText(),
                    l.path("onHand").decimalValue(), l.path("reserved").decimalValue()));
        });
        shelves.forEach(l -> wms.remove(l.path("sku").asText(), l.path("warehouse").asText()));
        books.counts().forEach(c -> wms.set(c.sku(), c.warehouse(), c.onHand(), c.reserved()));

        JsonNode report = awaitCompleted(startRun());

        assertThat(report.path("counts").path("NEW").asInt()).isZero();
        assertThat(report.path("counts").path("PERSISTS").asInt()).isZero();
        assertThat(api.get("/api/v1/sync/inventory/drift").body().path("count").asInt()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery()
                .processInstanceId(report.path("processInstanceId").asText()).activityId("stockAgrees").count()).isEqualTo(1);
    }

    @Test
    void theScheduleWaitsAsATimerOfTheDeployedProcess() {
        var timers = management.createJobQuery().processDefinitionKey("inventory-sync").timers().list();

        assertThat(timers).singleElement().satisfies(timer -> assertThat(timer.getDuedate()).isInTheFuture());
    }

    @Test
    void aReportOfAnUnknownRunIsNotFound() {
        var answer = api.get("/api/v1/sync/inventory/runs/" + UUID.randomUUID());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private List<JsonNode> levels() {
        List<JsonNode> levels = new ArrayList<>();
        api.get("/sandbox/wms/v1/stock").body().path("levels").forEach(levels::add);
        return levels;
    }

    @Test
    void odoosRefusalDuringTheReconciliationGoesToTheStewardsAndTryingAgainCompletesTheRun() {
        faults.failNext("stock.warehouse", "*", 1, SandboxFaults.Fault.USER_ERROR);
        String runId = startRun();

        Task review = awaitRefusal(runId);
        tasks.complete(review.getId(), Map.of("decision", "retry", "refusalGroup", "master-data-stewards",
                "decisionComment", "Warehouse re-activated in Odoo"));

        JsonNode report = awaitCompleted(runId);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(report.path("processInstanceId")
                .asText()).activityId("reconcileStockRefused").count()).isEqualTo(1);
    }

    @Test
    void aStewardCancellingAfterOdoosRefusalAbandonsTheRunAndRecordsWhy() {
        faults.failNext("stock.warehouse", "*", 1, SandboxFaults.Fault.USER_ERROR);
        String runId = startRun();

        tasks.complete(awaitRefusal(runId).getId(), Map.of("decision", "cancel", "refusalGroup", "master-data-stewards",
                "decisionComment", "Warehouse closed for good"));

        JsonNode run = await().atMost(PATIENCE).until(() -> api.get("/api/v1/sync/inventory/runs/" + runId).body(),
                r -> "ABANDONED".equals(r.path("status").asText()));
        assertThat(run.path("finishedAt").isNull()).isFalse();
        assertThat(runs.find(runId).orElseThrow()).satisfies(r -> {
            assertThat(r.reviewOutcome()).isEqualTo("abandoned");
            assertThat(r.reviewComment()).contains("odoo refused 'Compare WMS and Odoo stock'")
                    .contains(SandboxFaults.REFUSAL).endsWith("Warehouse closed for good");
        });
    }

    /** The sync's refusal review: for the stewards the routing table names, with Odoo's words, and no incident. */
    private Task awaitRefusal(String runId) {
        Task review = await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), "resolveRefusal")
                .processInstanceBusinessKey(runId).singleResult(), t -> t != null);
        assertThat(tasks.getVariables(review.getId())).containsEntry("refusalPeer", "odoo")
                .containsEntry("refusalStep", "reconcileStock").containsEntry("refusalGroup", "master-data-stewards")
                .containsEntry("refusalMessage", SandboxFaults.REFUSAL);
        assertThat(management.createJobQuery().withException().list()).noneMatch(j -> j.getRetries() == 0);
        return review;
    }

    private String startRun() {
        var answer = api.post("/api/v1/sync/inventory", "");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        return answer.body().path("id").asText();
    }

    private JsonNode awaitCompleted(String runId) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> api.get("/api/v1/sync/inventory/runs/" + runId).body(),
                        r -> "COMPLETED".equals(r.path("status").asText()));
    }

    private static JsonNode finding(JsonNode report, String sku) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("sku").asText().equals(sku) && f.path("warehouse").asText().equals("WH")) {
                return f;
            }
        }
        throw new AssertionError("no finding for " + sku + " in " + report.path("findings"));
    }

    private JsonNode drift(String sku) {
        for (JsonNode d : api.get("/api/v1/sync/inventory/drift").body().path("drift")) {
            if (d.path("sku").asText().equals(sku)) {
                return d;
            }
        }
        throw new AssertionError("no current drift for " + sku);
    }
}
