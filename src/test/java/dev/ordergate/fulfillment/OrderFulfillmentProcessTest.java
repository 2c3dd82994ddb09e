package dev.ordergate.fulfillment;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The order-fulfillment process driven through the real API, the real engine and the sandbox peers over HTTP:
 * every path of the BPMN, as scenarios.
 */
@IntegrationTest
class OrderFulfillmentProcessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ApiClient api = new ApiClient();

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    SandboxFaults faults;
    @Autowired
    SandboxOdoo odoo;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void healPeers() {
        faults.reset();
    }

    @Test
    void aCleanOrderIsCommittedShippedAndInvoicedOnce() {
        String ref = uniqueRef();
        String id = submit(sample(ref));

        var completed = awaitStatus(id, "COMPLETED");

        assertThat(completed.path("salesOrderRef").asText()).startsWith("S");
        assertThat(completed.path("invoiceRef").asText()).startsWith("INV/");
        assertThat(completed.path("milestones").findValuesAsText("milestone")).containsExactly(
                "RECEIVED", "VALIDATED", "COMMITTED", "RELEASED", "SHIPPED", "INVOICED", "COMPLETED");
        var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("b2b-portal:" + ref)
                .singleResult();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("reviewOrderException").count()).isZero();
        BpmnAwareTests.assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult()).isNull();
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref).size()).isEqualTo(1);
    }

    @Test
    void anUnknownCustomerWaitsForAMasterDataSteward() {
        Task task = awaitReview(submit(order(uniqueRef(), "C-99999", "US", "93701", line("1", "FURN_0269", "1", "299.00"))));
        assertReview(task, "master-data", "master-data-stewards", "Unknown customer C-99999");
    }

    @Test
    void anUnknownProductWaitsForAMasterDataSteward() {
        Task task = awaitReview(submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "NOPE-1", "1", "1.00"))));
        assertReview(task, "master-data", "master-data-stewards", "unknown product NOPE-1");
    }

    @Test
    void aPriceBelowTheAuthorityWaitsForAPricingSteward() {
        Task task = awaitReview(submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00"))));
        assertReview(task, "pricing", "pricing-stewards", "submitted 250.00, authority 299.00");
    }

    @Test
    void anOrderOverTheCreditLimitWaitsForACreditController() {
        // Deco Addict has 2,500 of 3,000 used and buys on Distributor Tier A (E-COM07 at 280).
        Task task = awaitReview(submit(order(uniqueRef(), "C-20077", "US", "93701", line("1", "E-COM07", "5", "280.00"))));
        assertReview(task, "credit", "credit-controllers", "exceeds the credit limit");
    }

    @Test
    void aShipToWithoutTaxJurisdictionWaitsForCustomerService() {
        Task task = awaitReview(submit(order(uniqueRef(), "C-10042", "ZZ", "0000", line("1", "FURN_0269", "1", "299.00"))));
        assertReview(task, "tax", "customer-service", "ZZ");
    }

    @Test
    void aShortfallWaitsForCustomerService() {
        Task task = awaitReview(submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_8888", "5", "36.00"))));
        assertReview(task, "availability", "customer-service", "FURN_8888: ordered 5, available 3");
    }

    @Test
    void anApprovedExceptionContinuesToCompletionAndIsAudited() {
        String id = submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        Task task = awaitReview(id);

        tasks.complete(task.getId(), Map.of("decision", "approve", "decisionComment", "Agreed promo price"));

        awaitStatus(id, "COMPLETED");
        var audit = jdbc.sql("SELECT gate, decision, comment FROM app.order_reviews WHERE order_id = :id")
                .param("id", id).query().singleRow();
        assertThat(audit).containsEntry("GATE", "pricing").containsEntry("DECISION", "approve")
                .containsEntry("COMMENT", "Agreed promo price");
    }

    @Test
    void aRejectedExceptionEndsTheOrderRejected() {
        String id = submit(order(uniqueRef(), "C-30099", "US", "93701", line("1", "E-COM08", "1", "15.80")));
        Task task = awaitReview(id);

        tasks.complete(task.getId(), Map.of("decision", "reject", "decisionComment", "Customer blocked"));

        var rejected = awaitStatus(id, "REJECTED");
        assertThat(rejected.path("statusReason").asText()).contains("blocked");
        assertThat(rejected.path("salesOrderRef").isMissingNode()).isTrue();
    }

    @Test
    void aDecisionTheProcessDoesNotKnowIsRefusedAndTheTaskStays() {
        Task task = awaitReview(submit(order(uniqueRef(), "C-30099", "US", "93701", line("1", "E-COM08", "1", "15.80"))));

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "maybe")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("decision must be one of");
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "approve")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("needs a comment");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    }

    @Test
    void anOdooOutageBecomesAnIncidentAfterTheRetriesAndTheOrderCompletesOnceRetried() {
        faults.failNext("sale.order", "create", 1000, SandboxFaults.Fault.HTTP_503);
        String ref = uniqueRef();
        String id = submit(sample(ref));

        Incident incident = await().atMost(PATIENCE).until(() -> runtime.createIncidentQuery()
                .processInstanceId(processInstanceId(id)).singleResult(), i -> i != null);
        assertThat(incident.getActivityId()).isEqualTo("commitSalesOrder");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref).size()).isZero();
        assertThat(status(id)).isEqualTo("VALIDATED");

        faults.reset();
        management.setJobRetries(incident.getConfiguration(), 1);

        awaitStatus(id, "COMPLETED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref).size()).isEqualTo(1);
    }

    @Test
    void aLostAnswerToTheCreateDoesNotCreateASecondSalesOrder() {
        faults.failNext("sale.order", "create", 1, SandboxFaults.Fault.LOSE_RESPONSE);
        String ref = uniqueRef();
        String id = submit(sample(ref));

        awaitStatus(id, "COMPLETED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref).size()).isEqualTo(1);
    }

    @Test
    void aDuplicateShipmentConfirmationChangesNothing() {
        String ref = uniqueRef();
        String id = submit(sample(ref));
        awaitStatus(id, "COMPLETED");
        String shipment = """
                {"shipmentId": "%s/1", "businessKey": "b2b-portal:%s", "lines": [{"sku": "FURN_0269", "quantity": 12}], "complete": true}
                """.formatted("b2b-portal:" + ref, ref);

        var again = api.post("/api/v1/shipments", shipment);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.shipments WHERE business_key = :k")
                .param("k", "b2b-portal:" + ref).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aShipmentForAnUnknownOrderIsRefused() {
        var response = api.post("/api/v1/shipments", """
                {"shipmentId": "X/1", "businessKey": "b2b-portal:nope", "lines": [{"sku": "FURN_0269", "quantity": 1}], "complete": true}
                """);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private String submit(String body) {
        var response = api.post("/api/v1/orders", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    private com.fasterxml.jackson.databind.JsonNode awaitStatus(String id, String status) {
        return await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body(),
                body -> status.equals(body.path("status").asText()));
    }

    private String status(String id) {
        return api.get("/api/v1/orders/" + id).body().path("status").asText();
    }

    private String processInstanceId(String id) {
        return api.get("/api/v1/orders/" + id).body().path("processInstanceId").asText();
    }

    private Task awaitReview(String id) {
        String pi = processInstanceId(id);
        Task task = await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().processInstanceId(pi)
                .taskDefinitionKey("reviewOrderException").singleResult(), t -> t != null);
        assertThat(status(id)).isEqualTo("IN_REVIEW");
        return task;
    }

    private void assertReview(Task task, String gate, String group, String reasonPart) {
        assertThat(tasks.getVariable(task.getId(), "exceptionGate")).isEqualTo(gate);
        assertThat((String) tasks.getVariable(task.getId(), "exceptionReason")).contains(reasonPart);
        assertThat(tasks.getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo(group));
    }
}
