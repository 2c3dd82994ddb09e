package dev.ordergate.ops;

import dev.ordergate.OrderTasks;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The operators' API over real HTTP: see, retry and explain a stuck order without a database console. */
@IntegrationTest
class OpsApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxFaults faults;
    @Autowired
    SandboxOdoo odoo;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;

    @AfterEach
    void healPeers() {
        faults.reset();
    }

    @Test
    void anIncidentIsListedWithItsOrderStepPeerAndErrorAndOneRetryCompletesTheOrder() {
        // A failure on Odoo's side, not an unreachable Odoo: that would wait for Odoo without spending retries.
        faults.failNext("sale.order", "web_save", 1000, SandboxFaults.Fault.SERVER_ERROR);
        String ref = uniqueRef();
        String id = submit(sample(ref));

        JsonNode incident = awaitIncident("b2b-portal:" + ref, "/api/v1/ops/incidents?peer=odoo&activityId=commitSalesOrder");

        assertThat(incident.path("orderId").asText()).isEqualTo(id);
        assertThat(incident.path("type").asText()).isEqualTo("failedJob");
        assertThat(incident.path("error").asText()).contains("could not serialize access");
        assertThat(incident.path("jobId").asText()).isNotBlank();
        assertThat(businessKeys(api.get("/api/v1/ops/incidents?peer=wms").body())).doesNotContain("b2b-portal:" + ref);

        faults.reset();
        var retried = api.post("/api/v1/ops/incidents/" + incident.path("id").asText() + "/retry", "");

        assertThat(retried.status()).as(retried.raw()).isEqualTo(202);
        awaitStatus(id, "COMPLETED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref).size()).isEqualTo(1);
    }

    @Test
    void incidentsOfOnePeerInATimeWindowAreRetriedTogether() {
        OffsetDateTime from = OffsetDateTime.now().minusSeconds(5);
        faults.failNext("sale.order", "web_save", 1000, SandboxFaults.Fault.SERVER_ERROR);
        String first = uniqueRef();
        String second = uniqueRef();
        String firstId = submit(sample(first));
        String secondId = submit(sample(second));
        awaitIncident("b2b-portal:" + first, "/api/v1/ops/incidents?peer=odoo");
        awaitIncident("b2b-portal:" + second, "/api/v1/ops/incidents?peer=odoo");

        faults.reset();
        var retried = api.post("/api/v1/ops/incidents/retry", """
                {"peer": "odoo", "from": "%s", "to": "%s"}
                """.formatted(from, OffsetDateTime.now().plusSeconds(5)));

        assertThat(retried.status()).as(retried.raw()).isEqualTo(202);
        assertThat(businessKeys(retried.body().path("incidents"))).contains("b2b-portal:" + first, "b2b-portal:" + second);
        awaitStatus(firstId, "COMPLETED");
        awaitStatus(secondId, "COMPLETED");
    }

    @Test
    void aBulkRetryWithoutCriteriaIsRefusedAsAProblem() {
        var response = api.post("/api/v1/ops/incidents/retry", "{}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("detail").asText()).contains("at least one");
    }

    @Test
    void retryingAnUnknownIncidentIsNotFound() {
        var response = api.post("/api/v1/ops/incidents/nope/retry", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anOrdersStoryTellsMilestonesTheReviewItsDecisionFailedAttemptsAndEveryStep() {
        faults.failNext("product.product", "*", 1, SandboxFaults.Fault.HTTP_503);
        String ref = uniqueRef();
        String id = submit(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        String pi = api.get("/api/v1/orders/" + id).body().path("processInstanceId").asText();
        Task task = await().atMost(PATIENCE).until(() -> OrderTasks.of(tasks, runtime, pi).singleResult(),
                t -> t != null);
        tasks.complete(task.getId(), Map.of("decision", "accept-submitted", "decisionComment", "Agreed promo price"));
        awaitStatus(id, "COMPLETED");

        var story = api.get("/api/v1/ops/orders/b2b-portal:" + ref + "/story");

        assertThat(story.status()).as(story.raw()).isEqualTo(200);
        JsonNode body = story.body();
        assertThat(body.path("order").path("id").asText()).isEqualTo(id);
        assertThat(body.path("milestones").findValuesAsText("milestone"))
                .contains("RECEIVED", "IN_REVIEW", "VALIDATED", "COMMITTED", "COMPLETED");
        assertThat(body.path("tasks").get(0).path("name").asText()).startsWith("Review price mismatch · b2b-portal:" + ref);
        assertThat(body.path("reviews").get(0).path("decision").asText()).isEqualTo("accept-submitted");
        assertThat(body.path("reviews").get(0).path("comment").asText()).isEqualTo("Agreed promo price");
        assertThat(body.path("failures").get(0).path("activityId").asText()).isEqualTo("checkMasterData");
        assertThat(body.path("failures").get(0).path("peer").asText()).isEqualTo("odoo");
        assertThat(body.path("failures").get(0).path("error").asText()).contains("503");
        assertThat(body.path("steps").findValuesAsText("activityId"))
                .contains("checkPrices", "reviewPriceMismatch", "commitSalesOrder", "invoiceOrder", "orderCompleted");
        assertThat(api.get("/api/v1/ops/orders/" + id + "/story").body().path("order").path("businessKey").asText())
                .isEqualTo("b2b-portal:" + ref);
    }

    @Test
    void theStoryOfAnUnknownOrderIsNotFound() {
        var response = api.get("/api/v1/ops/orders/no-such-order/story");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private JsonNode awaitIncident(String businessKey, String path) {
        return await().atMost(PATIENCE).until(() -> StreamSupport.stream(api.get(path).body().spliterator(), false)
                .filter(i -> businessKey.equals(i.path("businessKey").asText())).findFirst().orElse(null),
                i -> i != null);
    }

    private static java.util.List<String> businessKeys(JsonNode incidents) {
        return incidents.findValuesAsText("businessKey");
    }

    private String submit(String body) {
        var response = api.post("/api/v1/orders", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    private void awaitStatus(String id, String status) {
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body().path("status").asText(),
                status::equals);
    }
}
