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
import dev.ordergate.sandbox.SandboxFaults;
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
 * Migrating orders now that an order is a tree of instances: order-fulfillment waiting at a call activity
 * (validateOrder, deliverOrder ...), the called diagram (order-validation, order-availability, order-delivery,
 * exception-review, peer-refusal-review) waiting at the task. Each instance migrates under its own process definition
 * key. Version 2 of order-validation renames the price review and replaces the credit review with an activity of
 * another id: orders waiting at the price review move and finish there, an order waiting at the credit review stays
 * and is listed with the reason. Orders of a version before the split (every review inline, or the reviews called
 * from one big diagram) cannot move into it, since the engine cannot move an activity into a called instance: they
 * finish on their own version.
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
    @Autowired
    SandboxFaults faults;

    /** Version 2 stays only for this test: the next tests start orders on the model in bpmn/ again. */
    @AfterEach
    void removeVersion2() {
        if (version2 != null) {
            repository.deleteDeployment(version2, true);
        }
        deployments.forEach(id -> repository.deleteDeployment(id, true));
        faults.reset();
    }

    @Test
    void ordersWaitingAtAGateReviewMoveToTheNewValidationVersionWhileOrdersAtARemovedActivityStay() throws IOException {
        Waiting priceReview = awaitReview(submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00"))));
        Waiting creditReview = awaitReview(submit(order(uniqueRef(), "C-20077", "US", "93701", line("1", "E-COM07", "5", "280.00"))));
        String priceValidation = validationOf(priceReview.instance());
        String creditValidation = validationOf(creditReview.instance());
        String version1 = definitionOf(priceValidation);
        version2 = deployValidationVersion2();

        JsonNode plan = api.post("/api/v1/ops/migrations/plan", "{\"processDefinitionKey\": \"order-validation\"}").body();

        assertThat(plan.path("source").path("id").asText()).isEqualTo(version1);
        assertThat(plan.path("target").path("version").asInt()).isEqualTo(plan.path("source").path("version").asInt() + 1);
        assertThat(plan.path("instructions").toString()).contains("\"reviewPriceMismatch\"").doesNotContain("\"reviewCreditHold\"");
        assertThat(plan.path("valid").asBoolean()).isFalse();
        assertThat(plan.path("unmappedActivitiesWithInstances").toString()).contains("reviewCreditHold");

        JsonNode report = api.post("/api/v1/ops/migrations", """
                {"processDefinitionKey": "order-validation", "processInstanceIds": ["%s", "%s"]}
                """.formatted(priceValidation, creditValidation)).body();

        assertThat(report.path("migrated").get(0).asText()).isEqualTo(priceValidation);
        assertThat(report.path("migrated")).hasSize(1);
        assertThat(report.path("notMigrated")).hasSize(1);
        assertThat(report.path("notMigrated").get(0).path("processInstanceId").asText()).isEqualTo(creditValidation);
        assertThat(report.path("notMigrated").get(0).path("reasons").toString()).contains("reviewCreditHold");
        assertThat(definitionOf(creditValidation)).as("refused instance stays").isEqualTo(version1);

        // The validation waits at the call of exception-review: it moves to version 2; the called review (its own
        // process) keeps its task, which now returns its decision to version 2, and the order goes on at the top.
        assertThat(definitionOf(priceValidation)).isEqualTo(plan.path("target").path("id").asText());
        assertThat(definitionOf(priceReview.instance())).as("the top level did not move").isEqualTo(priceReview.definition());
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
        version2 = deploy("migration-test", "order-fulfillment.bpmn", Files.readString(Path.of("bpmn/order-fulfillment.bpmn"))
                .replace("name=\"Validate the order\"", "name=\"Validate the order (v2)\""));

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
        deployments.add(deploy("migration-test-called", "order-fulfillment.bpmn", Files.readString(Path.of("bpmn/order-fulfillment.bpmn"))));

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
    void ordersOfTheVersionBeforeTheSplitFinishOnItWhereverTheyWait() throws IOException {
        // The order as one diagram that calls only the reviews (main before issue 17's split, kept as a test resource).
        deployments.add(deploy("migration-test-before-split", "order-fulfillment.bpmn",
                Files.readString(Path.of("src/test/resources/deploy/order-fulfillment-called-reviews.bpmn.xml"))));
        faults.failNext("sale.order", "onchange", 1, SandboxFaults.Fault.USER_ERROR);
        Waiting refusal = awaitReview(submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "E-COM08", "10", "14.22"))));
        Waiting gateReview = awaitReview(submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00"))));
        faults.pauseShipments();
        String shippingRef = uniqueRef();
        String shipping = submit(order(shippingRef, "C-10042", "US", "93701", line("1", "FURN_0269", "4", "299.00")));
        api.awaitOrderStatus(shipping, "RELEASED");
        var reported = api.post("/sandbox/wms/v1/releases/b2b-portal:" + shippingRef + "/problems", """
                {"problem": "damaged", "lines": [{"sku": "FURN_0269", "quantity": 1}]}
                """);
        assertThat(reported.status()).as(reported.raw()).isEqualTo(200);
        Waiting problem = awaitReview(shipping);
        assertThat(OrderTasks.kindOf(tasks, refusal.task())).isEqualTo("resolveRefusal");
        assertThat(OrderTasks.kindOf(tasks, gateReview.task())).isEqualTo("reviewPriceMismatch");
        assertThat(problem.task().getTaskDefinitionKey()).isEqualTo("resolveShipmentProblem");
        assertThat(problem.task().getProcessInstanceId()).as("a task of the big diagram itself").isEqualTo(problem.instance());
        deployments.add(deploy("migration-test-split", "order-fulfillment.bpmn", Files.readString(Path.of("bpmn/order-fulfillment.bpmn"))));

        JsonNode plan = api.post("/api/v1/ops/migrations/plan", "{\"processDefinitionKey\": \"order-fulfillment\"}").body();
        JsonNode report = api.post("/api/v1/ops/migrations", """
                {"processDefinitionKey": "order-fulfillment", "processInstanceIds": ["%s", "%s", "%s"]}
                """.formatted(refusal.instance(), gateReview.instance(), problem.instance())).body();

        assertThat(plan.path("source").path("id").asText()).isEqualTo(gateReview.definition());
        assertThat(plan.path("valid").asBoolean()).isFalse();
        assertThat(plan.path("unmappedActivitiesWithInstances").toString())
                .contains("resolvePricesRefusal", "reviewPriceMismatch", "resolveShipmentProblem");
        assertThat(report.path("migrated")).isEmpty();
        assertThat(report.path("notMigrated").findValuesAsText("processInstanceId"))
                .containsExactlyInAnyOrder(refusal.instance(), gateReview.instance(), problem.instance());

        Object group = tasks.getVariable(refusal.task().getId(), "refusalGroup");
        tasks.complete(refusal.task().getId(), Map.of("decision", "retry", "refusalGroup", group,
                "decisionComment", "Price list un-archived in Odoo"));
        tasks.complete(gateReview.task().getId(), Map.of("decision", "accept-submitted", "decisionComment", "Promo agreed"));
        faults.resumeShipments();
        tasks.complete(problem.task().getId(), Map.of("problemResolution", "reship"));
        for (Waiting order : java.util.List.of(refusal, gateReview, problem)) {
            assertThat(orderStatus(order.instance())).isEqualTo("COMPLETED");
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(order.instance()).singleResult()
                    .getProcessDefinitionId()).as("finished on the version before the split").isEqualTo(order.definition());
        }
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

    private String deployValidationVersion2() throws IOException {
        return deploy("migration-test", "order-validation.bpmn", Files.readString(Path.of("bpmn/order-validation.bpmn"))
                .replace("name=\"Review price mismatch\"", "name=\"Review price mismatch (v2)\"")
                .replace("\"reviewCreditHold\"", "\"reviewCreditLimit\""));
    }

    /** The order-validation instance an order's top level waits for. */
    private String validationOf(String orderInstance) {
        return runtime.createProcessInstanceQuery().superProcessInstanceId(orderInstance).singleResult().getId();
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
