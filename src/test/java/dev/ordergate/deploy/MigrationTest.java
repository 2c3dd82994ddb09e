package dev.ordergate.deploy;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.OrderTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Version 2 of order-fulfillment renames the price review and replaces the credit review with an activity of another
 * id. Orders waiting at the price review move to version 2 and finish there; an order waiting at the credit review
 * cannot move, stays on version 1 and is listed with the reason.
 */
@IntegrationTest
class MigrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ApiClient api = new ApiClient();
    private final java.util.List<String> deployments = new java.util.ArrayList<>();
    private String version2;

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;

    /** Version 2 stays only for this test: the next tests start orders on the model in bpmn/ again. */
    @AfterEach
    void removeVersion2() {
        if (version2 != null) {
            repository.deleteDeployment(version2, true);
        }
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    @Test
    void ordersWaitingAtAReviewMoveToTheNewVersionAndContinueThereWhileOrdersAtARemovedActivityStay() throws IOException {
        Waiting priceReview = awaitReview(submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00"))));
        Waiting creditReview = awaitReview(submit(order(uniqueRef(), "C-20077", "US", "93701", line("1", "E-COM07", "5", "280.00"))));
        String version1 = definitionOf(priceReview.instance());
        version2 = deployVersion2();

        JsonNode plan = api.post("/api/v1/ops/migrations/plan", "{\"processDefinitionKey\": \"order-fulfillment\"}").body();

        assertThat(plan.path("source").path("id").asText()).isEqualTo(version1);
        assertThat(plan.path("target").path("version").asInt()).isEqualTo(plan.path("source").path("version").asInt() + 1);
        assertThat(plan.path("instructions").toString()).contains("\"reviewPriceMismatch\"").doesNotContain("\"reviewCreditHold\"");
        assertThat(plan.path("valid").asBoolean()).isFalse();
        assertThat(plan.path("unmappedActivitiesWithInstances").toString()).contains("reviewCreditHold");

        JsonNode report = api.post("/api/v1/ops/migrations", """
                {"processDefinitionKey": "order-fulfillment", "processInstanceIds": ["%s", "%s"]}
                """.formatted(priceReview.instance(), creditReview.instance())).body();

        assertThat(report.path("migrated").get(0).asText()).isEqualTo(priceReview.instance());
        assertThat(report.path("migrated")).hasSize(1);
        assertThat(report.path("notMigrated")).hasSize(1);
        assertThat(report.path("notMigrated").get(0).path("processInstanceId").asText()).isEqualTo(creditReview.instance());
        assertThat(report.path("notMigrated").get(0).path("reasons").toString()).contains("reviewCreditHold");
        assertThat(definitionOf(creditReview.instance())).as("refused instance stays").isEqualTo(version1);

        // The order waits at the call of exception-review: the order's instance moves to version 2; the called review
        // (its own process) keeps its task, which now returns its decision to version 2.
        assertThat(definitionOf(priceReview.instance())).isEqualTo(plan.path("target").path("id").asText());
        Task migrated = OrderTasks.of(tasks, runtime, priceReview.instance()).singleResult();
        assertThat(migrated.getId()).isEqualTo(priceReview.task().getId());
        tasks.complete(migrated.getId(), Map.of("decision", "accept-submitted", "decisionComment", "Promo agreed"));
        await().atMost(PATIENCE).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceId(priceReview.instance()).count() == 0);
        assertThat(orderStatus(priceReview.instance())).isEqualTo("COMPLETED");
    }

    @Test
    void aFinishedOrderIsListedWithWhyNothingMovedAndAnUnknownKeyIsRefusedWithNothingMigrated() throws IOException {
        String ref = uniqueRef();
        String finished = submit(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "299.00")));
        api.awaitOrderStatus(finished, "COMPLETED");
        Waiting waiting = awaitReview(submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00"))));
        version2 = deployVersion2();

        var unknown = api.post("/api/v1/ops/migrations", """
                {"processDefinitionKey": "order-fulfillment", "businessKeys": ["b2b-portal:%s", "b2b-portal:NO-SUCH-ORDER"],
                 "processInstanceIds": ["%s"]}
                """.formatted(ref, waiting.instance()));
        var report = api.post("/api/v1/ops/migrations", """
                {"processDefinitionKey": "order-fulfillment", "businessKeys": ["b2b-portal:%s"]}
                """.formatted(ref));

        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(422);
        assertThat(unknown.body().path("errors").findValuesAsText("field")).containsExactly("businessKeys[1]");
        assertThat(definitionOf(waiting.instance())).as("nothing moved").isEqualTo(waiting.definition());
        assertThat(report.status()).as(report.raw()).isEqualTo(200);
        assertThat(report.body().path("migrated")).isEmpty();
        assertThat(report.body().path("notMigrated").get(0).path("businessKey").asText()).isEqualTo("b2b-portal:" + ref);
        assertThat(report.body().path("notMigrated").get(0).path("reasons").get(0).asText())
                .startsWith("finished (COMPLETED)");
    }

    @Test
    void anOrderOfTheFlatVersionWaitingAtAnInlineReviewFinishesThereAfterTheCalledReviewsAreDeployed() throws IOException {
        // Today's model before exception-review: every review drawn inline (a copy kept as a test resource).
        deployments.add(deploy("migration-test-flat", "order-fulfillment.bpmn",
                Files.readString(Path.of("src/test/resources/deploy/order-fulfillment-flat.bpmn.xml"))));
        Waiting flat = awaitReview(submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00"))));
        assertThat(flat.task().getTaskDefinitionKey()).as("the inline review of the flat version").isEqualTo("reviewPriceMismatch");
        assertThat(flat.task().getProcessInstanceId()).isEqualTo(flat.instance());
        deployments.add(deploy("migration-test-called", "order-fulfillment.bpmn", Files.readString(Path.of("bpmn/order-fulfillment.bpmn"))
                .replace("name=\"Review price mismatch\"", "name=\"Review price mismatch (called)\"")));

        JsonNode plan = api.post("/api/v1/ops/migrations/plan", "{\"processDefinitionKey\": \"order-fulfillment\"}").body();

        // An inline user task cannot become a call of exception-review by migration: the order stays and finishes.
        assertThat(plan.path("source").path("id").asText()).isEqualTo(flat.definition());
        assertThat(plan.path("valid").asBoolean()).isFalse();
        assertThat(plan.path("unmappedActivitiesWithInstances").toString()).contains("reviewPriceMismatch");
        tasks.complete(flat.task().getId(), Map.of("decision", "accept-submitted", "decisionComment", "Promo agreed"));
        assertThat(orderStatus(flat.instance())).isEqualTo("COMPLETED");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(flat.instance()).singleResult()
                .getProcessDefinitionId()).as("finished on the flat version").isEqualTo(flat.definition());
    }

    @Test
    void aReviewWaitingInExceptionReviewMovesToItsNewVersionAndItsDecisionReachesTheOrder() throws IOException {
        Waiting waiting = awaitReview(submit(order(uniqueRef(), "C-20077", "US", "93701", line("1", "E-COM07", "5", "280.00"))));
        String reviewVersion1 = waiting.task().getProcessDefinitionId();
        deployments.add(deploy("migration-test-review", "exception-review.bpmn", Files.readString(Path.of("bpmn/exception-review.bpmn"))
                .replace("name=\"Remind reviewers\"", "name=\"Remind the reviewers\"")));

        JsonNode plan = api.post("/api/v1/ops/migrations/plan", "{\"processDefinitionKey\": \"exception-review\"}").body();
        assertThat(plan.path("source").path("id").asText()).isEqualTo(reviewVersion1);
        assertThat(plan.path("valid").asBoolean()).as(plan.toString()).isTrue();
        assertThat(plan.path("instructions").toString()).contains("\"reviewException\"", "\"reminderDue\"", "\"reviewOverdue\"");
        JsonNode report = api.post("/api/v1/ops/migrations", """
                {"processDefinitionKey": "exception-review", "processInstanceIds": ["%s"]}
                """.formatted(waiting.task().getProcessInstanceId())).body();

        assertThat(report.path("migrated").toString()).contains(waiting.task().getProcessInstanceId());
        Task migrated = OrderTasks.of(tasks, runtime, waiting.instance()).singleResult();
        assertThat(migrated.getId()).isEqualTo(waiting.task().getId());
        assertThat(migrated.getProcessDefinitionId()).isEqualTo(plan.path("target").path("id").asText()).isNotEqualTo(reviewVersion1);
        assertThat(OrderTasks.kindOf(tasks, migrated)).isEqualTo("reviewCreditHold");
        tasks.complete(migrated.getId(), Map.of("decision", "approve-once", "decisionComment", "Known customer, paying"));
        assertThat(orderStatus(waiting.instance())).isEqualTo("COMPLETED");
    }

    private String deploy(String name, String file, String model) {
        Multipart.Response response = Multipart.post(ApiClient.baseUrl() + "/api/v1/ops/deployments?name=" + name,
                null, Map.of(), "files", Map.of(file, model));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().path("deploymentId").asText();
    }

    private String deployVersion2() throws IOException {
        String model = Files.readString(Path.of("bpmn/order-fulfillment.bpmn"))
                .replace("name=\"Review price mismatch\"", "name=\"Review price mismatch (v2)\"")
                .replace("\"reviewCreditHold\"", "\"reviewCreditLimit\"");
        Multipart.Response response = Multipart.post(ApiClient.baseUrl() + "/api/v1/ops/deployments?name=migration-test",
                null, Map.of(), "files", Map.of("order-fulfillment.bpmn", model));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().path("deploymentId").asText();
    }

    private String definitionOf(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getProcessDefinitionId();
    }

    private String orderStatus(String processInstanceId) {
        String orderId = orderKeys.get(processInstanceId);
        return await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + orderId).body().path("status").asText(),
                status -> status.equals("COMPLETED") || status.equals("REJECTED"));
    }

    private final Map<String, String> orderKeys = new java.util.HashMap<>();

    private String submit(String body) {
        ApiClient.Response response = api.post("/api/v1/orders", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    /** An order's instance and the review task it waits for (in the exception-review it called). */
    record Waiting(String instance, String definition, Task task) {
    }

    private Waiting awaitReview(String orderId) {
        String instance = api.get("/api/v1/orders/" + orderId).body().path("processInstanceId").asText();
        orderKeys.put(instance, orderId);
        Task task = await().atMost(PATIENCE).until(() -> OrderTasks.of(tasks, runtime, instance).singleResult(), t -> t != null);
        return new Waiting(instance, definitionOf(instance), task);
    }
}
