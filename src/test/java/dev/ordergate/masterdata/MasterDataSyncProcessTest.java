package dev.ordergate.masterdata;

import dev.ordergate.OrderTasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.TestMasterDataHub;
import dev.ordergate.sandbox.SandboxFaults;
import java.time.Duration;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The master-data sync driven through the API, the real engine, the sandbox Odoo over JSON-RPC and a WireMock hub
 * (TestMasterDataHub). Each test works on a customer of its own, created in Odoo for it, so runs of other tests and
 * earlier runs (whose watermarks persist in the shared database) do not matter.
 */
@IntegrationTest
class MasterDataSyncProcessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api = new ApiClient();
    private String ref;
    private int partnerId;

    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    SandboxFaults faults;
    @Autowired
    MasterDataSync sync;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    org.camunda.bpm.engine.HistoryService history;

    @BeforeAll
    static void startHub() {
        TestMasterDataHub.start();
    }

    /** A customer of this test's own in Odoo, taken in by one run (Odoo's values are its baseline). */
    @BeforeEach
    void customerInSync() {
        ref = "C-MD-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("name", "Sync Test " + ref);
        vals.put("ref", ref);
        vals.put("is_company", true);
        vals.put("customer_rank", 1);
        vals.put("street", "1 Old Rd");
        vals.put("city", "Fresno");
        vals.put("zip", "93701");
        vals.put("credit_limit", 5000.0);
        vals.put("use_partner_credit_limit", true);
        partnerId = odoo("res.partner", "create", List.of(vals), Map.of()).asInt();
        JsonNode baseline = awaitStatus(startRun(), "COMPLETED");
        assertThat(baseline.path("counts").path("baseline").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRunReadsOnlyWhatChangedAfterTheWatermarkAndOdooOwnedFieldsReachTheHub() {
        JsonNode quiet = awaitStatus(startRun(), "COMPLETED");
        assertThat(count(quiet, "read")).as("nothing changed since the baseline run: %s", quiet).isZero();

        odoo("res.partner", "write", List.of(List.of(partnerId), Map.of("name", "Renamed " + ref)), Map.of());
        int updatesBefore = TestMasterDataHub.updates().size();
        JsonNode renamed = awaitStatus(startRun(), "COMPLETED");

        assertThat(count(renamed, "read")).isEqualTo(1);
        assertThat(count(renamed, "updated")).isEqualTo(1);
        assertThat(count(renamed, "conflicts")).isZero();
        List<LoggedRequest> sent = TestMasterDataHub.updates().subList(updatesBefore, TestMasterDataHub.updates().size());
        assertThat(sent).hasSize(1);
        JsonNode update = body(sent.get(0));
        assertThat(update.path("key").asText()).isEqualTo(ref);
        assertThat(update.path("source").asText()).isEqualTo("odoo");
        assertThat(update.path("fields").path("name").asText()).isEqualTo("Renamed " + ref);
        assertThat(sent.get(0).getHeader("Idempotency-Key")).isNotBlank();

        JsonNode again = awaitStatus(startRun(), "COMPLETED");
        assertThat(count(again, "read")).isZero();
    }

    @Test
    void anOwnersChangeFromTheHubIsWrittenIntoOdooAndNotReadBackAsAChange() {
        TestMasterDataHub.record("customers", ref, "crm", Map.of("street", "9 New Rd", "city", "Visalia"));
        TestMasterDataHub.record("customers", "C-NOBODY-" + ref, "crm", Map.of("street", "1 Nowhere"));
        TestMasterDataHub.record("customers", ref, "crm", Map.of("shoeSize", 44));

        JsonNode report = awaitStatus(startRun(), "COMPLETED");

        assertThat(count(report, "updated")).isEqualTo(2);
        assertThat(count(report, "conflicts")).isZero();
        assertThat(count(report, "rejected")).isEqualTo(2);
        assertThat(report.path("rejected").findValuesAsText("reason"))
                .contains("no customer reference 'C-NOBODY-" + ref + "' in Odoo", "unknown field 'shoeSize' of customers");
        JsonNode partner = partner("street", "city");
        assertThat(partner.path("street").asText()).isEqualTo("9 New Rd");
        assertThat(partner.path("city").asText()).isEqualTo("Visalia");

        JsonNode next = awaitStatus(startRun(), "COMPLETED");
        assertThat(count(next, "read")).as("our own write is not someone's change: %s", next).isZero();
    }

    @Test
    void aNonOwnersChangeWaitsForTheStewardAndTheDecisionIsAppliedOnce() {
        TestMasterDataHub.record("customers", ref, "crm", Map.of("creditLimit", 9000));
        String runId = startRun();

        Task task = awaitTask(runId);
        JsonNode inReview = api.get("/api/v1/sync/runs/" + runId).body();
        assertThat(inReview.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(count(inReview, "conflicts")).isEqualTo(1);
        assertThat(task.getName()).isEqualTo("Resolve master-data conflict");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("master-data-stewards").count()).isEqualTo(1);
        Map<String, Object> shown = tasks.getVariables(task.getId());
        assertThat(shown).containsEntry("conflictEntity", "customers").containsEntry("conflictRecord", ref)
                .containsEntry("conflictField", "creditLimit").containsEntry("ownerSystem", "finance")
                .containsEntry("ownerValue", "5000").containsEntry("otherSystem", "crm").containsEntry("otherValue", "9000");
        assertThat(partner("credit_limit").path("credit_limit").asDouble()).as("nothing overwritten before the decision")
                .isEqualTo(5000.0);
        JsonNode open = api.get("/api/v1/sync/master-data/conflicts?status=OPEN").body().path("conflicts");
        assertThat(open.findValuesAsText("key")).contains(ref);

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("conflictDecision", "both", "conflictComment", "x")))
                .hasMessageContaining("conflictDecision");
        int odooWrites = faults.callCount("res.partner", "write");
        int hubUpdates = TestMasterDataHub.updates().size();
        tasks.complete(task.getId(), Map.of("conflictDecision", "take-other",
                "conflictComment", "Finance confirmed the new limit by phone"));

        JsonNode done = awaitStatus(runId, "COMPLETED");
        assertThat(partner("credit_limit").path("credit_limit").asDouble()).isEqualTo(9000.0);
        assertThat(faults.callCount("res.partner", "write") - odooWrites).isEqualTo(1);
        List<LoggedRequest> told = TestMasterDataHub.updates().subList(hubUpdates, TestMasterDataHub.updates().size());
        assertThat(told).hasSize(1);
        assertThat(body(told.get(0)).path("fields").path("creditLimit").asText()).isEqualTo("9000");
        JsonNode conflict = done.path("conflicts").get(0);
        assertThat(conflict.path("status").asText()).isEqualTo("APPLIED");
        assertThat(conflict.path("decision").path("decision").asText()).isEqualTo("take-other");
        assertThat(conflict.path("decision").path("comment").asText()).contains("by phone");
        assertThat(conflict.path("owner").path("value").asText()).isEqualTo("5000");
        assertThat(conflict.path("other").path("value").asText()).isEqualTo("9000");

        sync.applyDecision(conflict.path("id").asText());
        assertThat(faults.callCount("res.partner", "write") - odooWrites).as("applied once").isEqualTo(1);
        assertThat(TestMasterDataHub.updates()).hasSize(hubUpdates + 1);
        assertThat(count(awaitStatus(startRun(), "COMPLETED"), "read")).isZero();
    }

    @Test
    void anOdooEditOfACrmOwnedFieldIsAConflictAndKeepingTheOwnerRestoresIt() {
        odoo("res.partner", "write", List.of(List.of(partnerId), Map.of("city", "Typed In Odoo")), Map.of());
        int hubUpdates = TestMasterDataHub.updates().size();
        String runId = startRun();

        Task task = awaitTask(runId);
        assertThat(tasks.getVariables(task.getId())).containsEntry("ownerSystem", "crm").containsEntry("ownerValue", "Fresno")
                .containsEntry("otherSystem", "odoo").containsEntry("otherValue", "Typed In Odoo");
        assertThat(partner("city").path("city").asText()).isEqualTo("Typed In Odoo");

        tasks.complete(task.getId(), Map.of("conflictDecision", "keep-owner", "conflictComment", "CRM is right"));

        awaitStatus(runId, "COMPLETED");
        assertThat(partner("city").path("city").asText()).isEqualTo("Fresno");
        assertThat(TestMasterDataHub.updates()).as("the CRM holds the kept value already").hasSize(hubUpdates);
    }

    @Test
    void theScheduleComesFromTheTimingConfiguration() {
        Job timer = management.createJobQuery().processDefinitionKey("master-data-sync").timers().singleResult();

        // The test profile's master-data timing: batch, "0 0 3 1 1 ?" (1 January, 03:00).
        Calendar due = Calendar.getInstance();
        due.setTime(timer.getDuedate());
        assertThat(List.of(due.get(Calendar.MONTH), due.get(Calendar.DAY_OF_MONTH), due.get(Calendar.HOUR_OF_DAY)))
                .containsExactly(Calendar.JANUARY, 1, 3);
    }

    @Test
    void badRequestsAreProblems() {
        ApiClient.Response unknown = api.post("/api/v1/sync/master-data", "{\"entities\": [\"customers\", \"suppliers\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().path("errors").get(0).path("field").asText()).isEqualTo("entities[1]");
        assertThat(unknown.body().path("detail").asText()).contains("suppliers");

        ApiClient.Response malformed = api.post("/api/v1/sync/master-data", "{\"entities\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        String first = startRun();
        ApiClient.Response duplicate = api.post("/api/v1/sync/master-data", "{\"entities\": [\"customers\"]}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.body().path("runId").asText()).isEqualTo(first);
        awaitStatus(first, "COMPLETED");

        ApiClient.Response status = api.get("/api/v1/sync/master-data/conflicts?status=MAYBE");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.contentType()).startsWith("application/problem+json");
    }

    @Test
    void odoosRefusalToBeReadGoesToTheMasterDataStewardsAndTryingAgainCompletesTheRun() {
        faults.failNext("res.partner", "*", 1, SandboxFaults.Fault.USER_ERROR);
        String runId = startRun();

        Task review = awaitRefusal(runId);
        tasks.complete(review.getId(), Map.of("decision", "retry", "refusalGroup", "master-data-stewards",
                "decisionComment", "Access rule fixed in Odoo"));

        awaitStatus(runId, "COMPLETED");
    }

    @Test
    void aStewardCancellingAfterOdoosRefusalAbandonsTheRunAndTheNextRunStartsAfresh() {
        faults.failNext("res.partner", "*", 1, SandboxFaults.Fault.USER_ERROR);
        String runId = startRun();

        tasks.complete(awaitRefusal(runId).getId(), Map.of("decision", "cancel", "refusalGroup", "master-data-stewards",
                "decisionComment", "Odoo is being migrated, next run tonight"));

        awaitStatus(runId, "ABANDONED");
        awaitStatus(startRun(), "COMPLETED");
    }

    @Test
    void theHubsRefusalToServeItsChangesGoesToTheStewardsAndIsTriedAgainThenCancellingAbandonsTheRun() {
        TestMasterDataHub.refuseNext("/v1/changes", "Cursor expired, ask the hub team");
        TestMasterDataHub.refuseNext("/v1/changes", "Cursor expired, ask the hub team");
        String runId = startRun();

        Task first = awaitRefusal(runId, "resolveRefusal", "master-data-hub", "readHubChanges", null);
        assertThat(tasks.getVariable(first.getId(), "refusalMessage")).isEqualTo("Cursor expired, ask the hub team");
        assertThat(incidents(runId)).isZero();
        decide(first, "retry", "Hub team reset the cursor");
        Task second = awaitRefusal(runId, "resolveRefusal", "master-data-hub", "readHubChanges", first.getId());
        decide(second, "cancel", "Hub is being migrated, next run tonight");

        awaitStatus(runId, "ABANDONED");
        assertThat(reached(runId, "readHubChanges")).isEqualTo(2);
        assertThat(reached(runId, "readHubChangesRefusalCancelled")).isEqualTo(1);
    }

    @Test
    void odoosRefusalWhilePlanningIsTriedAgainThenCancellingAbandonsTheRun() {
        TestMasterDataHub.record("customers", "C-NOBODY-" + ref, "crm", Map.of("street", "1 Nowhere"));
        holdJobsOf("planByOwnership");
        String runId;
        try {
            runId = startRun();
            String id = runId;
            await().atMost(PATIENCE).until(() -> management.createJobQuery().processInstanceId(processInstance(id))
                    .activityId("planByOwnership").count() == 1);
            faults.failNext("res.partner", "*", 1, SandboxFaults.Fault.USER_ERROR);
        } finally {
            releaseJobsOf("planByOwnership");
        }

        Task first = awaitRefusal(runId, "resolveRefusal", "odoo", "planByOwnership", null);
        faults.failNext("res.partner", "*", 1, SandboxFaults.Fault.USER_ERROR);
        decide(first, "retry", "Access rule fixed in Odoo");
        decide(awaitRefusal(runId, "resolveRefusal", "odoo", "planByOwnership", first.getId()), "cancel",
                "Odoo is being migrated");

        awaitStatus(runId, "ABANDONED");
        assertThat(reached(runId, "planByOwnership")).isEqualTo(2);
        assertThat(reached(runId, "planByOwnershipRefusalCancelled")).isEqualTo(1);
    }

    @Test
    void odoosRefusalToTakeAnOwnersChangeIsTriedAgainThenCancellingAbandonsTheRunWithNothingWritten() {
        TestMasterDataHub.record("customers", ref, "crm", Map.of("street", "9 New Rd"));
        faults.failNext("res.partner", "write", 1, SandboxFaults.Fault.USER_ERROR);
        String runId = startRun();

        Task first = awaitRefusal(runId, "resolveRefusal", "odoo", "applyOwnerChanges", null);
        faults.failNext("res.partner", "write", 1, SandboxFaults.Fault.USER_ERROR);
        decide(first, "retry", "Partner unlocked");
        decide(awaitRefusal(runId, "resolveRefusal", "odoo", "applyOwnerChanges", first.getId()), "cancel",
                "CRM address is wrong, will be fixed there");

        awaitStatus(runId, "ABANDONED");
        assertThat(partner("street").path("street").asText()).isEqualTo("1 Old Rd");
        assertThat(reached(runId, "applyOwnerChanges")).isEqualTo(2);
        assertThat(reached(runId, "applyOwnerChangesRefusalCancelled")).isEqualTo(1);
    }

    @Test
    void odoosRefusalToApplyTheStewardsDecisionOffersNoCancelAndTryingAgainAppliesItOnce() {
        TestMasterDataHub.record("customers", ref, "crm", Map.of("creditLimit", 9000));
        String runId = startRun();
        Task conflict = awaitTask(runId);
        faults.failNext("res.partner", "write", 1, SandboxFaults.Fault.USER_ERROR);
        tasks.complete(conflict.getId(), Map.of("conflictDecision", "take-other", "conflictComment", "Finance agreed"));

        Task review = awaitRefusal(runId, "resolveRefusalNoCancel", "odoo", "applyDecision", null);
        decide(review, "retry", "Credit limit field unlocked");

        awaitStatus(runId, "COMPLETED");
        assertThat(partner("credit_limit").path("credit_limit").asDouble()).isEqualTo(9000.0);
        assertThat(reached(runId, "applyDecision")).isEqualTo(2);
    }

    /** The sync's refusal review at its first Odoo step, for the master-data stewards, with Odoo's words. */
    private Task awaitRefusal(String runId) {
        return awaitRefusal(runId, "resolveRefusal", "odoo", "readOdooChanges", null);
    }

    /** The review of a refusal (another than {@code notThis}), for the master-data stewards whichever peer refused. */
    private Task awaitRefusal(String runId, String taskKey, String peer, String step, String notThis) {
        Task review = await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), taskKey)
                .processInstanceBusinessKey(runId).singleResult(), t -> t != null && !t.getId().equals(notThis));
        assertThat(tasks.getVariables(review.getId())).containsEntry("refusalPeer", peer)
                .containsEntry("refusalStep", step).containsEntry("refusalGroup", "master-data-stewards");
        if (peer.equals("odoo")) {
            assertThat(tasks.getVariable(review.getId(), "refusalMessage")).isEqualTo(SandboxFaults.REFUSAL);
        }
        assertThat(review.getName()).startsWith("Resolve refusal");
        assertThat(incidents(runId)).isZero();
        return review;
    }

    private void decide(Task review, String decision, String comment) {
        tasks.complete(review.getId(), Map.of("decision", decision, "refusalGroup", "master-data-stewards",
                "decisionComment", comment));
    }

    /** Jobs of the step wait, suspended, until released: a test's fault then meets that step's call and no other. */
    private void holdJobsOf(String activityId) {
        management.createJobDefinitionQuery().processDefinitionKey("master-data-sync").activityIdIn(activityId).list()
                .forEach(d -> management.suspendJobDefinitionById(d.getId()));
    }

    private void releaseJobsOf(String activityId) {
        management.createJobDefinitionQuery().processDefinitionKey("master-data-sync").activityIdIn(activityId)
                .suspended().list().forEach(d -> management.activateJobDefinitionById(d.getId(), true));
    }

    private long incidents(String runId) {
        return runtime.createIncidentQuery().processInstanceId(processInstance(runId)).count();
    }

    private long reached(String runId, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstance(runId))
                .activityId(activityId).count();
    }

    private String processInstance(String runId) {
        return api.get("/api/v1/sync/runs/" + runId).body().path("processInstanceId").asText();
    }

    private String startRun() {
        ApiClient.Response response = api.post("/api/v1/sync/master-data", "{\"entities\": [\"customers\"]}");
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        return response.body().path("id").asText();
    }

    private JsonNode awaitStatus(String runId, String status) {
        return await().atMost(PATIENCE).until(() -> api.get("/api/v1/sync/runs/" + runId).body(),
                run -> run.path("status").asText().equals(status));
    }

    private Task awaitTask(String runId) {
        return await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(runId).singleResult(),
                t -> t != null);
    }

    private static int count(JsonNode report, String name) {
        return report.path("counts").path(name).asInt();
    }

    private JsonNode partner(String... fields) {
        return odoo("res.partner", "read", List.of(List.of(partnerId)), Map.of("fields", List.of(fields))).get(0);
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Odoo as any JSON-RPC client sees it. */
    private JsonNode odoo(String model, String method, List<?> args, Map<String, ?> kwargs) {
        return api.odoo(model, method, args, kwargs);
    }
}
