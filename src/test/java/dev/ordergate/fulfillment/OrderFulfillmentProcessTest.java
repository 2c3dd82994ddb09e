package dev.ordergate.fulfillment;

import dev.ordergate.OrderTasks;
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
import dev.ordergate.sandbox.SandboxMail;
import dev.ordergate.sandbox.SandboxOdoo;
import java.time.Duration;
import java.util.List;
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
    @Autowired
    SandboxMail.Mailbox mailbox;

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
        String id = api.submitOrder(sample(ref));

        var completed = api.awaitOrderStatus(id, "COMPLETED");

        assertThat(completed.path("salesOrderRef").asText()).startsWith("S");
        assertThat(completed.path("invoiceRef").asText()).startsWith("INV/");
        assertThat(completed.path("milestones").findValuesAsText("milestone")).containsExactly(
                "RECEIVED", "VALIDATED", "COMMITTED", "RELEASED", "SHIPPED", "INVOICED", "COMPLETED");
        var instance = history.createHistoricProcessInstanceQuery().processDefinitionKey("order-fulfillment")
                .processInstanceBusinessKey("b2b-portal:" + ref)
                .singleResult();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
        BpmnAwareTests.assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult()).isNull();
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref).size()).isEqualTo(1);
    }

    @Test
    void anUnknownCustomerWaitsForAMasterDataSteward() {
        Task task = awaitReview(api.submitOrder(order(uniqueRef(), "C-99999", "US", "93701", line("1", "FURN_0269", "1", "299.00"))));
        assertReview(task, "reviewMasterData", "master-data", "master-data-stewards", "Unknown customer C-99999");
    }

    @Test
    void anUnknownProductWaitsForAMasterDataSteward() {
        Task task = awaitReview(api.submitOrder(order(uniqueRef(), "C-10042", "US", "93701", line("1", "NOPE-1", "1", "1.00"))));
        assertReview(task, "reviewMasterData", "master-data", "master-data-stewards", "unknown product NOPE-1");
    }

    @Test
    void aPriceBelowTheAuthorityWaitsForAPricingSteward() {
        Task task = awaitReview(api.submitOrder(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00"))));
        assertReview(task, "reviewPriceMismatch", "pricing", "pricing-stewards",
                "submitted 250.00, authority 299.00, difference -49.00 per unit (-16.39%), margin impact -98.00");
    }

    @Test
    void anOrderOverTheCreditLimitWaitsForACreditController() {
        // Deco Addict has 2,500 of 3,000 used and buys on Distributor Tier A (E-COM07 at 280).
        Task task = awaitReview(api.submitOrder(order(uniqueRef(), "C-20077", "US", "93701", line("1", "E-COM07", "5", "280.00"))));
        assertReview(task, "reviewCreditHold", "credit", "credit-controllers", "exceeds the credit limit");
    }

    @Test
    void aShipToWithoutTaxJurisdictionWaitsForCustomerService() {
        Task task = awaitReview(api.submitOrder(order(uniqueRef(), "C-10042", "ZZ", "0000", line("1", "FURN_0269", "1", "299.00"))));
        assertReview(task, "reviewTaxProblem", "tax", "customer-service", "ZZ");
    }

    @Test
    void aShortfallWaitsForCustomerService() {
        Task task = awaitReview(api.submitOrder(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_8888", "5", "36.00"))));
        assertReview(task, "reviewShortfall", "availability", "customer-service",
                "FURN_8888: ordered 5, available 3 (partly available)");
    }

    @Test
    void anApprovedExceptionContinuesToCompletionAndIsAudited() {
        String id = api.submitOrder(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        Task task = awaitReview(id);

        tasks.complete(task.getId(), Map.of("decision", "accept-submitted", "decisionComment", "Agreed promo price"));

        var completed = api.awaitOrderStatus(id, "COMPLETED");
        var review = completed.path("reviews").get(0);
        assertThat(review.path("gate").asText()).isEqualTo("pricing");
        assertThat(review.path("decision").asText()).isEqualTo("accept-submitted");
        assertThat(review.path("comment").asText()).isEqualTo("Agreed promo price");
        assertThat(review.path("facts").asText()).isEqualTo("price-mismatch: stopped at the price check");
        // The audit keeps the figures the steward decided on; the order's channel reads only the codes above.
        assertThat(api.get("/api/v1/ops/orders/" + id + "/story").body().path("reviews").get(0).path("facts").asText())
                .contains("submitted 250.00, authority 299.00");
        assertThat(review.path("decidedAt").asText()).isNotBlank();
        assertThat(completed.path("order").path("lines").get(0).path("unitPrice").decimalValue()).isEqualByComparingTo("250.00");
    }

    @Test
    void aRejectedExceptionEndsTheOrderRejected() {
        String id = api.submitOrder(blockedBuyerOrder());
        Task task = awaitReview(id);

        assertReview(task, "reviewCreditHold", "credit", "credit-controllers", "blocked for credit");
        tasks.complete(task.getId(), Map.of("decision", "reject", "decisionComment", "Customer blocked"));

        var rejected = api.awaitOrderStatus(id, "REJECTED");
        assertThat(rejected.path("statusReason").asText()).contains("blocked");
        assertThat(rejected.path("salesOrderRef").isMissingNode()).isTrue();
        awaitMail("customer-service@localhost", "Order b2b-portal:" + rejected.path("order").path("channelOrderRef").asText()
                + " was rejected");
    }

    @Test
    void aDecisionTheProcessDoesNotKnowIsRefusedAndTheTaskStays() {
        Task task = awaitReview(api.submitOrder(blockedBuyerOrder()));

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "maybe")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("decision must be one of [approve-once, hold-for-payment, reject]");
        // A decision that exists, but for another kind of exception.
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "accept-submitted", "decisionComment", "x")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("decision must be one of");
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "approve-once")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("needs a comment");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    }

    @Test
    void applyingTheAuthorityPriceCorrectsTheLineAndTheOrderContinues() {
        String id = api.submitOrder(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        Task task = awaitReview(id);

        tasks.complete(task.getId(), Map.of("decision", "apply-authority"));

        var completed = api.awaitOrderStatus(id, "COMPLETED");
        assertThat(completed.path("order").path("lines").get(0).path("unitPrice").decimalValue()).isEqualByComparingTo("299");
        assertThat(completed.path("reviews").get(0).path("decision").asText()).isEqualTo("apply-authority");
    }

    @Test
    void aReviewTaskMailsItsGroupTheReasonCodeButNoPrices() {
        String ref = uniqueRef();
        awaitReview(api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00"))));

        awaitMail("pricing-stewards@localhost", "Order b2b-portal:" + ref + " needs a pricing review");
        var mail = mailbox.received().stream().filter(m -> m.subject().contains(ref)).findFirst().orElseThrow();
        // The random order reference may hold the digits itself; the rest of the subject must not.
        assertThat(mail.subject().replace(ref, "")).doesNotContain("250").doesNotContain("299");
        assertThat(mail.body()).contains("price-mismatch: stopped at the price check")
                .doesNotContain("299.00").doesNotContain("margin impact");
    }

    @Test
    void aCreditHoldShowsTheChannelItsReasonCodeWhileTheReviewerSeesTheFigures() {
        // Deco Addict has 2,500 of 3,000 used: the credit controller needs those figures, the channel must not see them.
        String ref = uniqueRef();
        String id = api.submitOrder(order(ref, "C-20077", "US", "93701", line("1", "E-COM07", "5", "280.00")));
        Task task = awaitReview(id);
        assertReview(task, "reviewCreditHold", "credit", "credit-controllers", "Credit limit 3000.00 USD, open exposure 2500.00");

        var inReview = api.awaitOrderStatus(id, "IN_REVIEW");
        assertThat(inReview.path("statusReason").asText()).isEqualTo("credit-limit: stopped at the credit check");
        assertThat(api.get("/api/v1/orders/" + id).raw()).doesNotContain("3000.00").doesNotContain("2500.00")
                .doesNotContain("exposure");
        awaitMail("credit-controllers@localhost", "Order b2b-portal:" + ref + " needs a credit review");
        assertThat(mailbox.received().stream().filter(m -> m.subject().contains(ref)))
                .allSatisfy(m -> assertThat(m.body()).doesNotContain("3000.00").doesNotContain("2500.00"));

        tasks.complete(task.getId(), Map.of("decision", "hold-for-payment", "decisionComment", "Waits for payment"));

        await().atMost(PATIENCE).until(() -> statusEventPayloads(id).stream().anyMatch(p -> p.contains("on_hold")));
        assertThat(statusEventPayloads(id)).allSatisfy(payload -> assertThat(payload)
                .doesNotContain("3000.00").doesNotContain("2500.00").doesNotContain("exposure"));
        assertThat(statusEventPayloads(id)).anySatisfy(payload -> assertThat(payload).contains("credit-limit"));
        var decided = api.get("/api/v1/orders/" + id);
        assertThat(decided.body().path("reviews").get(0).path("facts").asText())
                .isEqualTo("credit-limit: stopped at the credit check");
        assertThat(decided.raw()).doesNotContain("3000.00").doesNotContain("2500.00").doesNotContain("exposure");
    }

    private List<String> statusEventPayloads(String orderId) {
        return jdbc.sql("SELECT payload FROM app.status_events WHERE order_id = :id ORDER BY seq")
                .param("id", orderId).query(String.class).list();
    }

    @Test
    void anOverdueReviewEscalatesToTheSupervisorsAndTellsThem() {
        String ref = uniqueRef();
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        Task task = awaitReview(id);

        fireTimer(task.getProcessInstanceId(), "reminderDue");
        awaitMail("pricing-stewards@localhost", "Reminder: order b2b-portal:" + ref + " still waits for a pricing review");
        fireTimer(task.getProcessInstanceId(), "reviewOverdue");

        assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId())
                .contains("pricing-stewards", "order-supervisors");
        awaitMail("order-supervisors@localhost", "Escalated: pricing review of order b2b-portal:" + ref + " is overdue");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the review itself stays open").isEqualTo(1);
    }

    @Test
    void aShortfallWaitingForStockIsCheckedAgainAfterTheWait() {
        String id = api.submitOrder(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_8888", "5", "36.00")));
        Task task = awaitReview(id);

        tasks.complete(task.getId(), Map.of("decision", "wait-for-stock"));
        fireTimer(api.processInstanceId(id), "waitForStock");

        Task again = awaitReview(id);
        assertThat(again.getId()).isNotEqualTo(task.getId());
        assertThat(OrderTasks.kindOf(tasks, again)).isEqualTo("reviewShortfall");
        assertThat(tasks.getVariable(again.getId(), "decision")).as("a new review starts blank").isNull();
    }

    @Test
    void cancellingShortLinesShipsTheRest() {
        String id = api.submitOrder(order(uniqueRef(), "C-10042", "US", "93701",
                line("1", "FURN_8888", "5", "36.00") + "," + line("2", "E-COM08", "3", "14.22")));
        Task task = awaitReview(id);

        tasks.complete(task.getId(), Map.of("decision", "cancel-short-lines", "decisionComment", "Customer agreed"));

        var completed = api.awaitOrderStatus(id, "COMPLETED");
        assertThat(completed.path("order").path("lines")).hasSize(1);
        assertThat(completed.path("order").path("lines").get(0).path("sku").asText()).isEqualTo("E-COM08");
    }

    @Test
    void anOrderFarOverTheCreditLimitIsRejectedByPolicyWithoutAReview() {
        // Deco Addict: 2,500 used of 3,000; this order adds 5,600, utilisation 2.7 is in the reject band.
        String id = api.submitOrder(order(uniqueRef(), "C-20077", "US", "93701", line("1", "E-COM07", "20", "280.00")));

        var rejected = api.awaitOrderStatus(id, "REJECTED");
        assertThat(rejected.path("statusReason").asText()).isEqualTo("credit-limit: stopped at the credit check");
        assertThat(OrderTasks.of(tasks, runtime, api.processInstanceId(id)).count()).isZero();
    }

    @Test
    void anOdooServerErrorBecomesAnIncidentAfterTheRetriesAndTheOrderCompletesOnceRetried() {
        faults.failNext("sale.order", "web_save", 1000, SandboxFaults.Fault.SERVER_ERROR);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        Incident incident = await().atMost(PATIENCE).until(() -> runtime.createIncidentQuery()
                .processInstanceId(api.processInstanceId(id)).singleResult(), i -> i != null);
        assertThat(incident.getActivityId()).isEqualTo("commitSalesOrder");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref).size()).isZero();
        assertThat(status(id)).isEqualTo("VALIDATED");

        faults.reset();
        management.setJobRetries(incident.getConfiguration(), 1);

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref).size()).isEqualTo(1);
    }

    @Test
    void aLostAnswerToTheCreateDoesNotCreateASecondSalesOrder() {
        int searches = faults.callCount("sale.order", "search_read");
        faults.failNext("sale.order", "web_save", 1, SandboxFaults.Fault.LOSE_RESPONSE);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref).size()).isEqualTo(1);
        // The commit creates with web_save (Odoo 17+): its answer was the lost one, so the retry searched and found it.
        assertThat(faults.callCount("sale.order", "search_read")).isGreaterThan(searches);
    }

    @Test
    void aDuplicateShipmentConfirmationChangesNothing() {
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));
        api.awaitOrderStatus(id, "COMPLETED");
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
    void aShipmentConfirmedBeforeTheProcessWaitsForItIsKeptAndHandedOverLater() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        Task review = awaitReview(id);
        String shipment = """
                {"shipmentId": "%s/1", "businessKey": "%s", "lines": [{"sku": "FURN_0269", "quantity": 2}], "complete": true}
                """.formatted(key, key);

        var early = api.post("/api/v1/shipments", shipment);
        assertThat(early.status()).isEqualTo(202);
        assertThat(early.body().path("outcome").asText()).as("the process is not waiting yet").isEqualTo("PENDING");

        tasks.complete(review.getId(), Map.of("decision", "accept-submitted", "decisionComment", "Agreed"));
        api.awaitOrderStatus(id, "COMPLETED");
        faults.resumeShipments();
        // The warehouse's own confirmation of the same shipment, when it comes, changes nothing.
        await().atMost(PATIENCE).until(() -> api.get("/sandbox/wms/v1/releases/" + key).body()
                .path("confirmationDelivered").asBoolean());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.shipments WHERE business_key = :k").param("k", key)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(odoo.salesOrdersByClientRef(key)).singleElement()
                .satisfies(so -> assertThat(so.state()).isEqualTo("sale"));
    }

    @Test
    void aShipmentForAnUnknownOrderIsRefused() {
        var response = api.post("/api/v1/shipments", """
                {"shipmentId": "X/1", "businessKey": "b2b-portal:nope", "lines": [{"sku": "FURN_0269", "quantity": 1}], "complete": true}
                """);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    /** Blocked Buyer Inc pays immediately (anything else would be a master-data conflict first). */
    private static String blockedBuyerOrder() {
        return order(uniqueRef(), "C-30099", "US", "93701", line("1", "E-COM08", "1", "15.80"))
                .replace("\"30 Days\"", "\"Immediate Payment\"");
    }



    private String status(String id) {
        return api.get("/api/v1/orders/" + id).body().path("status").asText();
    }


    private Task awaitReview(String id) {
        String pi = api.processInstanceId(id);
        Task task = await().atMost(PATIENCE).until(() -> OrderTasks.of(tasks, runtime, pi)
                .singleResult(), t -> t != null);
        assertThat(status(id)).isEqualTo("IN_REVIEW");
        return task;
    }

    private void awaitMail(String to, String subject) {
        await().atMost(PATIENCE).until(() -> mailbox.received().stream()
                .anyMatch(m -> m.to().contains(to) && m.subject().equals(subject)));
    }

    private void fireTimer(String processInstanceId, String activityId) {
        var job = OrderTasks.job(management, runtime, processInstanceId, activityId);
        assertThat(job).as("timer at " + activityId).isNotNull();
        management.executeJob(job.getId());
    }

    private void assertReview(Task task, String taskKey, String gate, String group, String reasonPart) {
        assertThat(OrderTasks.kindOf(tasks, task)).isEqualTo(taskKey);
        assertThat(tasks.getVariable(task.getId(), "exceptionGate")).isEqualTo(gate);
        assertThat((String) tasks.getVariable(task.getId(), "exceptionReason")).contains(reasonPart);
        assertThat(tasks.getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo(group));
    }
}
