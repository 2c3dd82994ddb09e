package dev.ordergate.pricing;

import dev.ordergate.OrderTasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SimulatedPricingEngine.Agreement;
import dev.ordergate.sandbox.SimulatedPricingEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The price-list sync driven through the API, the real engine, the simulated pricing engine and the sandbox Odoo
 * over HTTP. The test profile writes two items per chunk.
 */
@IntegrationTest
class PriceListSyncProcessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api = new ApiClient();
    private final String pricelist = "Sync test " + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    SimulatedPricingEngine pricingEngine;
    @Autowired
    SandboxFaults faults;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;

    @AfterEach
    void healPeers() {
        faults.reset();
        pricingEngine.reset();
    }

    @Test
    void aNewPriceListIsWrittenInChunksOneOdooCallPerChunk() {
        pricingEngine.publish(sixItems());
        int writesBefore = faults.callCount("product.pricelist", "write");

        JsonNode report = awaitCompleted(startRun());

        assertThat(report.path("kind").asText()).isEqualTo("price-lists");
        assertThat(report.path("source").asText()).contains("pricing-engine");
        assertCounts(report, 6, 0, 6, 0, 0, 0);
        assertThat(report.path("counts").path("chunks").asInt()).isEqualTo(3);
        assertThat(faults.callCount("product.pricelist", "write") - writesBefore).isEqualTo(3);
        List<JsonNode> items = odooItems(pricelist);
        assertThat(items).hasSize(6);
        assertThat(items).anySatisfy(item -> {
            assertThat(item.path("min_quantity").asDouble()).isEqualTo(50.0);
            assertThat(item.path("fixed_price").asDouble()).isEqualTo(270.0);
            assertThat(item.path("date_end").asText()).isEqualTo("2027-12-31");
        });
    }

    @Test
    void aSecondRunOfTheSameFeedWritesNothing() {
        pricingEngine.publish(sixItems());
        awaitCompleted(startRun());
        int writesBefore = faults.callCount("product.pricelist", "write");
        int createsBefore = faults.callCount("product.pricelist", "create");

        JsonNode second = awaitCompleted(startRun());

        assertCounts(second, 6, 6, 0, 0, 0, 0);
        assertThat(second.path("counts").path("chunks").asInt()).isZero();
        assertThat(faults.callCount("product.pricelist", "write")).isEqualTo(writesBefore);
        assertThat(faults.callCount("product.pricelist", "create")).isEqualTo(createsBefore);
    }

    @Test
    void aChangedPriceIsUpdatedAndAnItemNoLongerInTheFeedIsExpired() {
        pricingEngine.publish(sixItems());
        awaitCompleted(startRun());
        List<Agreement> changed = new ArrayList<>(sixItems());
        changed.set(0, item("FURN_0269", "1", "295.00", null, null));
        changed.remove(5);
        pricingEngine.publish(changed);

        JsonNode report = awaitCompleted(startRun());

        assertCounts(report, 5, 4, 0, 1, 1, 0);
        List<JsonNode> items = odooItems(pricelist);
        assertThat(items).hasSize(6);
        assertThat(items).anySatisfy(item -> assertThat(item.path("fixed_price").asDouble()).isEqualTo(295.0));
        assertThat(items).filteredOn(item -> item.path("date_end").isTextual()
                        && item.path("date_end").asText().equals(LocalDate.now().minusDays(1).toString()))
                .hasSize(1);
    }

    @Test
    void aCustomerAgreementPutsTheCustomerOnItsPriceList() {
        pricingEngine.publish(List.of(new Agreement(pricelist, "USD", "C-40011", "E-COM08", BigDecimal.ONE,
                new BigDecimal("14.20"), null, null)));
        try {
            JsonNode report = awaitCompleted(startRun());

            assertCounts(report, 1, 0, 1, 0, 0, 0);
            JsonNode partner = odoo("res.partner", "search_read", List.of(List.of(List.of("ref", "=", "C-40011"))),
                    Map.of("fields", List.of("property_product_pricelist"))).get(0);
            assertThat(partner.path("property_product_pricelist").get(1).asText()).startsWith(pricelist);
        } finally {
            int partnerId = odoo("res.partner", "search", List.of(List.of(List.of("ref", "=", "C-40011"))), Map.of()).get(0).asInt();
            odoo("res.partner", "write", List.of(List.of(partnerId), Map.of("property_product_pricelist", 2)), Map.of());
        }
    }

    @Test
    void rejectedRowsWaitForAPricingStewardWithTheirReasons() {
        pricingEngine.publish(List.of(
                item("FURN_0269", "1", "299.00", null, null),
                item("NO-SUCH-SKU", "1", "10.00", null, null),
                item("E-COM07", "1", "-5.00", null, null),
                item("E-COM08", "10", "14.00", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30)),
                item("E-COM08", "10", "13.00", LocalDate.of(2026, 6, 1), null)));

        String runId = startRun();
        Task task = await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(runId)
                .singleResult(), t -> t != null);

        assertThat(task.getTaskDefinitionKey()).isEqualTo("reviewRejectedPriceRows");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("pricing-stewards").count()).isEqualTo(1);
        String summary = (String) tasks.getVariable(task.getId(), "reviewSummary");
        assertThat(summary).contains("unknown product NO-SUCH-SKU", "negative price", "overlapping tiers");
        JsonNode inReview = api.get("/api/v1/sync/runs/" + runId).body();
        assertThat(inReview.path("status").asText()).isEqualTo("IN_REVIEW");
        assertCounts(inReview, 5, 0, 1, 0, 0, 4);
        assertThat(inReview.path("rejected").findValuesAsText("reason")).containsExactly(
                "unknown product NO-SUCH-SKU", "negative price",
                "overlapping tiers: row 5 prices the same quantity in the same period",
                "overlapping tiers: row 4 prices the same quantity in the same period");

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("reviewOutcome", "ignore", "reviewComment", "x")))
                .hasMessageContaining("reviewOutcome");
        tasks.complete(task.getId(), Map.of("reviewOutcome", "corrected-at-source",
                "reviewComment", "Pricing fixes the SKU and the tiers tonight"));

        JsonNode done = awaitCompleted(runId);
        assertThat(done.path("review").path("outcome").asText()).isEqualTo("corrected-at-source");
        assertThat(done.path("review").path("comment").asText()).contains("tiers tonight");
    }

    @Test
    void aRunThatDiesMidwayResumesAtTheLastCommittedChunkAndWritesNothingTwice() {
        pricingEngine.publish(sixItems());
        int writesBefore = faults.callCount("product.pricelist", "write");
        // The first chunk is written; from the second one on Odoo fails until the retries are spent.
        faults.failAfter("product.pricelist", "write", 1, 100, SandboxFaults.Fault.SERVER_ERROR);

        String runId = startRun();
        Incident incident = await().atMost(PATIENCE).until(() -> management.createJobQuery().withException().noRetriesLeft()
                .list().stream().filter(job -> job.getProcessInstanceId().equals(processInstance(runId))).findFirst()
                .map(job -> new Object()).isPresent() ? firstIncident(runId) : null, i -> i != null);

        assertThat(incident.getActivityId()).isEqualTo("writePriceChunk");
        JsonNode died = api.get("/api/v1/sync/runs/" + runId).body();
        assertThat(died.path("status").asText()).isEqualTo("RUNNING");
        assertThat(died.path("counts").path("chunksWritten").asInt()).isEqualTo(1);
        assertThat(died.path("counts").path("created").asInt()).isEqualTo(2);
        assertThat(died.path("counts").path("pending").asInt()).isEqualTo(4);
        int failedWrites = faults.callCount("product.pricelist", "write") - writesBefore - 1;
        assertThat(odooItems(pricelist)).hasSize(2);

        faults.reset();
        int writesAtResume = faults.callCount("product.pricelist", "write");
        management.setJobRetries(management.createJobQuery().processInstanceId(processInstance(runId)).singleResult().getId(), 1);

        JsonNode resumed = awaitCompleted(runId);
        assertCounts(resumed, 6, 0, 6, 0, 0, 0);
        assertThat(failedWrites).isPositive();
        assertThat(faults.callCount("product.pricelist", "write") - writesAtResume).isEqualTo(2);
        assertThat(odooItems(pricelist)).hasSize(6);
    }

    @Test
    void aChunkWhoseAnswerWasLostIsNotWrittenAgainOnRetry() {
        pricingEngine.publish(sixItems());
        int writesBefore = faults.callCount("product.pricelist", "write");
        // Odoo performs the second chunk's write, then the answer is lost: the job fails and runs again.
        faults.failAfter("product.pricelist", "write", 1, 1, SandboxFaults.Fault.LOSE_RESPONSE);

        JsonNode report = awaitCompleted(startRun());

        assertCounts(report, 6, 0, 6, 0, 0, 0);
        assertThat(faults.callCount("product.pricelist", "write") - writesBefore).isEqualTo(3);
        assertThat(odooItems(pricelist)).hasSize(6);
    }

    @Test
    void anUnknownRunIsAProblem() {
        ApiClient.Response response = api.get("/api/v1/sync/runs/" + UUID.randomUUID());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private List<Agreement> sixItems() {
        return List.of(
                item("FURN_0269", "1", "299.00", null, null),
                item("FURN_0269", "10", "289.00", null, null),
                item("FURN_0269", "50", "270.00", null, LocalDate.of(2027, 12, 31)),
                item("E-COM07", "1", "280.00", null, null),
                item("E-COM07", "20", "265.00", LocalDate.of(2026, 1, 1), null),
                item("E-COM08", "1", "14.90", null, null));
    }

    private Agreement item(String sku, String minQuantity, String price, LocalDate from, LocalDate to) {
        return new Agreement(pricelist, "USD", null, sku, new BigDecimal(minQuantity), new BigDecimal(price), from, to);
    }

    @Test
    void odoosRefusalToWriteAChunkGoesToThePricingStewardsAndTryingAgainCompletesTheRun() {
        pricingEngine.publish(sixItems());
        faults.failNext("product.pricelist", "write", 1, SandboxFaults.Fault.USER_ERROR);
        String runId = startRun();

        Task review = awaitRefusal(runId, "writePriceChunk");
        tasks.complete(review.getId(), Map.of("decision", "retry", "refusalGroup", "pricing-stewards",
                "decisionComment", "Currency re-activated in Odoo"));

        JsonNode report = awaitCompleted(runId);
        assertThat(odooItems(pricelist)).hasSize(6);
        assertThat(report.path("counts").path("chunks").asInt()).isEqualTo(3);
    }

    @Test
    void aPricingStewardCancellingAfterOdoosRefusalToPlanAbandonsTheRun() {
        pricingEngine.publish(sixItems());
        faults.failNext("product.pricelist.item", "search_read", 1, SandboxFaults.Fault.USER_ERROR);
        int writesBefore = faults.callCount("product.pricelist", "write");
        String runId = startRun();

        tasks.complete(awaitRefusal(runId, "planPriceChanges").getId(), Map.of("decision", "cancel",
                "refusalGroup", "pricing-stewards", "decisionComment", "Feed withdrawn by the pricing team"));

        await().atMost(PATIENCE).until(() -> api.get("/api/v1/sync/runs/" + runId).body(),
                run -> run.path("status").asText().equals("ABANDONED"));
        assertThat(faults.callCount("product.pricelist", "write")).as("no chunk written").isEqualTo(writesBefore);
    }

    @Test
    void thePricingEnginesRefusalToServeTheFeedIsTriedAgainThenCancellingAbandonsTheRunWithNothingWritten() {
        pricingEngine.publish(sixItems());
        faults.refuseNext("pricing", 2);
        int writesBefore = faults.callCount("product.pricelist", "write");
        String runId = startRun();

        Task first = awaitRefusal(runId, "pricing-engine", "readPriceFeed", null);
        tasks.complete(first.getId(), Map.of("decision", "retry", "refusalGroup", "pricing-stewards",
                "decisionComment", "Feed republished"));
        tasks.complete(awaitRefusal(runId, "pricing-engine", "readPriceFeed", first.getId()).getId(), Map.of(
                "decision", "cancel", "refusalGroup", "pricing-stewards", "decisionComment", "Feed withdrawn"));

        await().atMost(PATIENCE).until(() -> api.get("/api/v1/sync/runs/" + runId).body(),
                run -> run.path("status").asText().equals("ABANDONED"));
        assertThat(faults.callCount("product.pricelist", "write")).as("no chunk written").isEqualTo(writesBefore);
        assertThat(reached(runId, "readPriceFeed")).isEqualTo(2);
        assertThat(reached(runId, "readPriceFeedRefusalCancelled")).isEqualTo(1);
    }

    @Test
    void odoosRefusalToPlanIsTriedAgainAndTheRunCompletes() {
        pricingEngine.publish(sixItems());
        faults.failNext("product.pricelist.item", "search_read", 1, SandboxFaults.Fault.USER_ERROR);
        String runId = startRun();

        tasks.complete(awaitRefusal(runId, "planPriceChanges").getId(), Map.of("decision", "retry",
                "refusalGroup", "pricing-stewards", "decisionComment", "Access rule fixed in Odoo"));

        awaitCompleted(runId);
        assertThat(odooItems(pricelist)).hasSize(6);
        assertThat(reached(runId, "planPriceChanges")).isEqualTo(2);
    }

    @Test
    void aPricingStewardCancellingAfterARefusedChunkAbandonsTheRunAndKeepsWhatEarlierChunksWrote() {
        pricingEngine.publish(sixItems());
        faults.failAfter("product.pricelist", "write", 1, 1, SandboxFaults.Fault.USER_ERROR);
        String runId = startRun();

        tasks.complete(awaitRefusal(runId, "writePriceChunk").getId(), Map.of("decision", "cancel",
                "refusalGroup", "pricing-stewards", "decisionComment", "Price list frozen for the audit"));

        await().atMost(PATIENCE).until(() -> api.get("/api/v1/sync/runs/" + runId).body(),
                run -> run.path("status").asText().equals("ABANDONED"));
        assertThat(odooItems(pricelist)).as("the first chunk stays written").hasSize(2);
        assertThat(reached(runId, "writePriceChunkRefusalCancelled")).isEqualTo(1);
    }

    /** The sync's refusal review, for the pricing stewards whichever peer refused, with the peer's words. */
    private Task awaitRefusal(String runId, String step) {
        Task review = awaitRefusal(runId, "odoo", step, null);
        assertThat(tasks.getVariable(review.getId(), "refusalMessage")).isEqualTo(SandboxFaults.REFUSAL);
        return review;
    }

    private Task awaitRefusal(String runId, String peer, String step, String notThis) {
        Task review = await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), "resolveRefusal")
                .processInstanceBusinessKey(runId).singleResult(), t -> t != null && !t.getId().equals(notThis));
        assertThat(tasks.getVariables(review.getId())).containsEntry("refusalPeer", peer)
                .containsEntry("refusalStep", step).containsEntry("refusalGroup", "pricing-stewards")
                .containsEntry("refusalMessage", SandboxFaults.REFUSAL);
        assertThat(runtime.createIncidentQuery().processInstanceId(processInstance(runId)).count()).isZero();
        return review;
    }

    @Autowired
    org.camunda.bpm.engine.HistoryService history;

    private long reached(String runId, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstance(runId))
                .activityId(activityId).count();
    }

    private String startRun() {
        ApiClient.Response response = api.post("/api/v1/sync/price-lists", "");
        assertThat(response.status()).isEqualTo(202);
        return response.body().path("id").asText();
    }

    private JsonNode awaitCompleted(String runId) {
        return await().atMost(PATIENCE).until(() -> api.get("/api/v1/sync/runs/" + runId).body(),
                run -> run.path("status").asText().equals("COMPLETED"));
    }

    private String processInstance(String runId) {
        return api.get("/api/v1/sync/runs/" + runId).body().path("processInstanceId").asText();
    }

    private Incident firstIncident(String runId) {
        return management.createJobQuery().processInstanceId(processInstance(runId)).noRetriesLeft().count() == 0 ? null
                : engineIncident(processInstance(runId));
    }

    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    private Incident engineIncident(String processInstanceId) {
        return runtime.createIncidentQuery().processInstanceId(processInstanceId).list().stream().findFirst().orElse(null);
    }

    private static void assertCounts(JsonNode report, int read, int unchanged, int created, int updated, int expired,
                                     int rejected) {
        JsonNode counts = report.path("counts");
        assertThat(List.of(counts.path("read").asInt(), counts.path("unchanged").asInt(), counts.path("created").asInt(),
                counts.path("updated").asInt(), counts.path("expired").asInt(), counts.path("rejected").asInt()))
                .as("read, unchanged, created, updated, expired, rejected in %s", counts)
                .containsExactly(read, unchanged, created, updated, expired, rejected);
    }

    private List<JsonNode> odooItems(String name) {
        JsonNode lists = odoo("product.pricelist", "search", List.of(List.of(List.of("name", "=", name))), Map.of());
        List<JsonNode> items = new ArrayList<>();
        odoo("product.pricelist.item", "search_read", List.of(List.of(List.of("pricelist_id", "=", lists.get(0).asInt()))),
                Map.of("fields", List.of("product_id", "min_quantity", "fixed_price", "date_start", "date_end")))
                .forEach(items::add);
        return items;
    }

    /** Odoo as any JSON-RPC client sees it, to check what the sync left there. */
    private JsonNode odoo(String model, String method, List<?> args, Map<String, ?> kwargs) {
        try {
            String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "method", "call", "id", 1, "params", Map.of(
                    "service", "object", "method", "execute_kw",
                    "args", List.of("sandbox", 2, "sandbox-admin-key", model, method, args, kwargs))));
            JsonNode answer = api.post("/sandbox/odoo/jsonrpc", body).body();
            assertThat(answer.has("error")).as("Odoo error %s", answer.path("error")).isFalse();
            return answer.path("result");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
