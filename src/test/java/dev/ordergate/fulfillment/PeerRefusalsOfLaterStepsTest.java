package dev.ordergate.fulfillment;

import dev.ordergate.OrderTasks;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import dev.ordergate.sandbox.SimulatedWmsStock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Odoo's and the WMS's refusals of the steps after the gates that no other test makes refuse: finding substitutes and
 * cancelling short lines (try again or cancel the order), invoicing, closing open deliveries and every "Cancel sales
 * order in Odoo" (try again or hand over only, docs/reviewing.md). Each reaches "Resolve refusal" with the peer's
 * words and no incident, and the reviewer's choice does what the docs say. Shares the integration tests' application.
 */
@IntegrationTest
class PeerRefusalsOfLaterStepsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The sandbox Odoo's seeded stock of the lamp the backorder scenario runs short of (as PartialFulfilmentTest). */
    private static final double LAMPS_ON_HAND = 3;

    private final ApiClient api = new ApiClient();
    private RefusalReviews refusals;

    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    SandboxFaults faults;
    @Autowired
    SandboxOdoo odoo;
    @Autowired
    SimulatedWmsStock wmsStock;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void refusalReviews() {
        refusals = new RefusalReviews(tasks, runtime, api);
    }

    @AfterEach
    void healPeers() {
        releaseJobsOf("findSubstitutes");
        releaseJobsOf("checkAvailability");
        faults.resumeShipments();
        faults.reset();
        odoo.adjustStock("FURN_8888", LAMPS_ON_HAND - odoo.onHand("FURN_8888"));
        wmsStock.set("FURN_8888", "WH", BigDecimal.valueOf(LAMPS_ON_HAND), BigDecimal.ZERO);
    }

    @Test
    void odoosRefusalWhileFindingSubstitutesReachesAPersonAndTryingAgainSubstitutes() {
        String ref = uniqueRef();
        String id = refusedWhileFindingSubstitutes(ref);

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "findSubstitutes"), "retry", "Substitute re-activated");

        var completed = api.awaitOrderStatus(id, "COMPLETED");
        assertThat(completed.path("order").path("lines").get(0).path("sku").asText()).isEqualTo("FURN_8855");
        assertThat(reached(id, "resolveFindSubstitutesRefusal")).isEqualTo(1);
        assertThat(reached(id, "findSubstitutes")).isEqualTo(2);
    }

    @Test
    void odoosRefusalWhileFindingSubstitutesCancelledByThePersonEndsTheOrderWithoutASalesOrder() {
        String ref = uniqueRef();
        String id = refusedWhileFindingSubstitutes(ref);

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "findSubstitutes"), "cancel", "Customer cancelled");

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).isEmpty();
        assertThat(reached(id, "cancelledByReviewerEnd")).isEqualTo(1);
    }

    @Test
    void refusalsOfTheMasterDataAndTaxGatesTriedAgainCompleteTheOrder() {
        faults.failNext("product.product", "*", 1, SandboxFaults.Fault.USER_ERROR);
        faults.refuseNext("tax", 1);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "checkMasterData"), "retry", "Contact un-archived");
        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "tax", "determineTax"), "retry", "Jurisdiction added");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(reached(id, "checkMasterData")).isEqualTo(2);
        assertThat(reached(id, "determineTax")).isEqualTo(2);
    }

    @Test
    void refusalsOfThePriceAndCreditGatesCancelledByThePersonEndTheOrders() {
        faults.failNext("sale.order", "onchange", 1, SandboxFaults.Fault.USER_ERROR);
        String priced = uniqueRef();
        String pricedId = api.submitOrder(PeerRefusalsTest.pricedByOdoo(priced));
        refusals.decide(refusals.awaitRefusal(pricedId, priced, "resolveRefusal", "odoo", "checkPrices"), "cancel", "Price list withdrawn");
        api.awaitOrderStatus(pricedId, "CANCELLED");

        faults.refuseNext("credit", 1);
        String credited = uniqueRef();
        String creditedId = api.submitOrder(sample(credited));
        refusals.decide(refusals.awaitRefusal(creditedId, credited, "resolveRefusal", "credit", "checkCredit"), "cancel", "Account closed");
        api.awaitOrderStatus(creditedId, "CANCELLED");

        assertThat(reached(pricedId, "cancelledByReviewerEnd")).isEqualTo(1);
        assertThat(reached(creditedId, "cancelledByReviewerEnd")).isEqualTo(1);
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + priced)).isEmpty();
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + credited)).isEmpty();
    }

    /**
     * The availability gate's first check takes the free quantities the master-data gate's read brought (issue 15) and
     * makes no Odoo call; a check after waiting for stock asks Odoo again, and that is where Odoo can refuse.
     */
    @Test
    void odoosRefusalToTellTheStockWhenCheckingAgainIsTriedAgainAndWhenRefusedAgainCancellingEndsTheOrder() {
        String ref = uniqueRef();
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701",
                line("1", "FURN_8888", "5", "36.00") + "," + line("2", "E-COM08", "3", "14.22")));
        Task shortfall = awaitTask(id, "reviewShortfall");
        tasks.complete(shortfall.getId(), Map.of("decision", "wait-for-stock", "decisionComment", "Supplier delivers Friday"));
        String pi = api.processInstanceId(id);
        var timer = await().atMost(PATIENCE).until(() -> management.createJobQuery().rootProcessInstanceId(pi)
                .activityId("waitForStock").timers().singleResult(), java.util.Objects::nonNull);
        assertThat(reached(id, "checkAvailability")).isEqualTo(1);

        faults.failNext("product.product", "*", 1, SandboxFaults.Fault.USER_ERROR);
        management.setJobDuedate(timer.getId(), new java.util.Date());
        Task first = refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "checkAvailability");
        faults.failNext("product.product", "*", 1, SandboxFaults.Fault.USER_ERROR);
        refusals.decide(first, "retry", "Warehouse re-activated");
        Task second = await().atMost(PATIENCE).until(() -> refusals.find(ref, "resolveRefusal"),
                t -> t != null && !t.getId().equals(first.getId()));
        refusals.decide(second, "cancel", "Warehouse closed for good");

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(reached(id, "checkAvailability")).as("first check, check after waiting, retry").isEqualTo(3);
        assertThat(reached(id, "cancelledByReviewerEnd")).isEqualTo(1);
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).isEmpty();
        assertThat(incidents(id)).isZero();
    }

    @Test
    void odoosRefusalToCancelShortLinesIsTriedAgainAndWhenRefusedAgainCancellingEndsTheOrderWithoutASalesOrder() {
        String ref = uniqueRef();
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701",
                line("1", "FURN_8888", "5", "36.00") + "," + line("2", "E-COM08", "3", "14.22")));
        Task shortfall = awaitTask(id, "reviewShortfall");
        faults.failNext("product.product", "*", 1, SandboxFaults.Fault.USER_ERROR);
        tasks.complete(shortfall.getId(), Map.of("decision", "cancel-short-lines", "decisionComment", "Customer agreed"));

        Task first = refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "cancelShortLines");
        faults.failNext("product.product", "*", 1, SandboxFaults.Fault.USER_ERROR);
        refusals.decide(first, "retry", "Lamp un-archived in Odoo");
        Task second = await().atMost(PATIENCE).until(() -> refusals.find(ref, "resolveRefusal"),
                t -> t != null && !t.getId().equals(first.getId()));
        refusals.decide(second, "cancel", "Customer no longer wants the order");

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).as("cancelled before the commit").isEmpty();
        assertThat(reached(id, "cancelShortLines")).isEqualTo(2);
        assertThat(reached(id, "cancelledByReviewerEnd")).isEqualTo(1);
        assertThat(incidents(id)).isZero();
    }

    @Test
    void odoosRefusalToInvoiceHandedToAnotherGroupReachesThatGroupAndTryingAgainInvoicesOnce() {
        faults.failNext("sale.advance.payment.inv", "create", 1, SandboxFaults.Fault.USER_ERROR);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        Task first = refusals.awaitRefusal(id, ref, "resolveRefusalNoCancel", "odoo", "invoiceOrder");
        tasks.complete(first.getId(), Map.of("decision", "hand-over", "refusalGroup", "credit-controllers",
                "decisionComment", "Journals are finance's"));
        Task handedOver = refusals.find(ref, "resolveRefusalNoCancel");
        assertThat(handedOver.getId()).isNotEqualTo(first.getId());
        assertThat(tasks.getIdentityLinksForTask(handedOver.getId())).extracting(l -> l.getGroupId())
                .containsExactly("credit-controllers");
        refusals.decide(handedOver, "retry", "Sales journal reopened");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(invoices(id)).hasSize(1);
        assertThat(reached(id, "invoiceOrder")).isEqualTo(2);
        assertThat(reached(id, "invoiceOrderRefused")).isEqualTo(1);
    }

    @Test
    void odoosRefusalToInvoiceAShipmentOffersNoCancelAndTryingAgainInvoicesEachShipmentOnce() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "edi-split:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "4", "299.00"))
                .replace("\"b2b-portal\"", "\"edi-split\""));
        api.awaitOrderStatus(id, "RELEASED");
        faults.failNext("sale.advance.payment.inv", "create", 1, SandboxFaults.Fault.USER_ERROR);

        ship(key, "FURN_0269", "1");
        Task review = refusals.awaitRefusal(id, key, "resolveRefusalNoCancel", "odoo", "invoiceShipment");
        refusals.decide(review, "retry", "Fiscal position fixed");
        await().atMost(PATIENCE).until(() -> invoices(id).size() == 1);
        ship(key, "FURN_0269", "3");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(invoices(id)).hasSize(2);
        assertThat(reached(id, "invoiceShipmentRefused")).isEqualTo(1);
    }

    @Test
    void odoosRefusalToCloseTheOpenDeliveriesOffersNoCancelAndTryingAgainClosesThemAndInvoices() {
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_8888", "5", "36.00")));
        tasks.complete(awaitTask(id, "reviewShortfall").getId(), Map.of("decision", "ship-available"));
        api.awaitOrderStatus(id, "BACKORDERED");
        faults.failNext("stock.picking", "action_cancel", 1, SandboxFaults.Fault.USER_ERROR);

        management.executeJob(management.createJobQuery().rootProcessInstanceId(api.processInstanceId(id))
                .activityId("backorderExpired").singleResult().getId());
        refusals.decide(refusals.awaitRefusal(id, key, "resolveRefusalNoCancel", "odoo", "closeOpenDeliveries"), "retry",
                "Backorder un-reserved in Odoo");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.deliveryStates(key)).containsExactly("done", "cancel");
        assertThat(invoices(id)).hasSize(1);
        assertThat(reached(id, "closeOpenDeliveries")).isEqualTo(2);
    }

    @Test
    void odoosRefusalToCancelTheQuotationAfterARefusedCommitOffersNoCancelAndTryingAgainCancelsIt() {
        faults.failNext("sale.order", "action_confirm", 1, SandboxFaults.Fault.USER_ERROR);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));
        Task commit = refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "commitSalesOrder");
        faults.failNext("sale.order", "action_cancel", 1, SandboxFaults.Fault.USER_ERROR);
        refusals.decide(commit, "cancel", "Customer closed");

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusalNoCancel", "odoo", "cancelRefusedOrder"), "retry",
                "Quotation unlocked");

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).singleElement()
                .satisfies(so -> assertThat(so.state()).isEqualTo("cancel"));
        assertThat(reached(id, "cancelRefusedOrder")).isEqualTo(2);
        assertThat(reached(id, "cancelledByReviewerEnd")).isEqualTo(1);
    }

    @Test
    void odoosRefusalToCancelTheSalesOrderAfterTheWarehousesRefusalOffersNoCancelAndTryingAgainCancelsIt() {
        faults.refuseNext("wms", 1);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));
        Task release = refusals.awaitRefusal(id, ref, "resolveRefusal", "wms", "releaseToWarehouse");
        faults.failNext("sale.order", "action_cancel", 1, SandboxFaults.Fault.USER_ERROR);
        refusals.decide(release, "cancel", "The WMS will not take this customer's goods");

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusalNoCancel", "odoo", "cancelRefusedOrder"), "retry",
                "Delivery un-reserved in Odoo");

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).singleElement()
                .satisfies(so -> assertThat(so.state()).isEqualTo("cancel"));
        assertThat(reached(id, "cancelRefusedOrder")).isEqualTo(2);
        assertThat(reached(id, "cancelledByReviewerEnd")).isEqualTo(1);
    }

    @Test
    void odoosRefusalToCancelAnOrderWithNothingDeliveredOffersNoCancelAndTryingAgainCancelsIt() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "299.00")));
        api.awaitOrderStatus(id, "RELEASED");
        reportProblem(key, "lost", "FURN_0269", "2");
        Task problem = awaitTask(id, "resolveShipmentProblem");
        faults.failNext("sale.order", "action_cancel", 1, SandboxFaults.Fault.USER_ERROR);
        tasks.complete(problem.getId(), Map.of("problemResolution", "cancel-line"));

        refusals.decide(refusals.awaitRefusal(id, key, "resolveRefusalNoCancel", "odoo", "cancelUndeliveredOrder"), "retry",
                "Order unlocked in Odoo");

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(odoo.salesOrdersByClientRef(key)).singleElement()
                .satisfies(so -> assertThat(so.state()).isEqualTo("cancel"));
        assertThat(invoices(id)).isEmpty();
        assertThat(reached(id, "cancelUndeliveredOrder")).isEqualTo(2);
    }

    /** An order whose short line has a substitute in stock; Odoo refuses the first call of "Find substitutes". */
    private String refusedWhileFindingSubstitutes(String ref) {
        holdJobsOf("findSubstitutes");
        try {
            String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_8900", "5", "22.50")));
            await().atMost(PATIENCE).until(() -> management.createJobQuery()
                    .rootProcessInstanceId(api.processInstanceId(id)).activityId("findSubstitutes").count() == 1);
            faults.failNext("product.product", "*", 1, SandboxFaults.Fault.USER_ERROR);
            return id;
        } finally {
            releaseJobsOf("findSubstitutes");
        }
    }

    /** Jobs of the step wait, suspended, until released: a test's fault then meets that step's call and no other. */
    private void holdJobsOf(String activityId) {
        management.createJobDefinitionQuery().processDefinitionKey("order-availability").activityIdIn(activityId).list()
                .forEach(d -> management.suspendJobDefinitionById(d.getId()));
    }

    private void releaseJobsOf(String activityId) {
        management.createJobDefinitionQuery().processDefinitionKey("order-availability").activityIdIn(activityId)
                .suspended().list().forEach(d -> management.activateJobDefinitionById(d.getId(), true));
    }

    private Task awaitTask(String id, String taskKey) {
        String pi = api.processInstanceId(id);
        return await().atMost(PATIENCE).until(() -> OrderTasks.of(tasks, runtime, pi).singleResult(),
                t -> t != null && taskKey.equals(OrderTasks.kindOf(tasks, t)));
    }

    private void ship(String releaseId, String sku, String quantity) {
        var shipped = api.post("/sandbox/wms/v1/releases/" + releaseId + "/shipments", """
                {"lines": [{"sku": "%s", "quantity": %s}]}
                """.formatted(sku, quantity));
        assertThat(shipped.status()).as(shipped.raw()).isEqualTo(200);
    }

    private void reportProblem(String releaseId, String problem, String sku, String quantity) {
        var reported = api.post("/sandbox/wms/v1/releases/" + releaseId + "/problems", """
                {"problem": "%s", "lines": [{"sku": "%s", "quantity": %s}]}
                """.formatted(problem, sku, quantity));
        assertThat(reported.status()).as(reported.raw()).isEqualTo(200);
    }

    private List<BigDecimal> invoices(String orderId) {
        return jdbc.sql("SELECT amount FROM app.order_invoices WHERE order_id = :id ORDER BY invoiced_at, invoice_ref")
                .param("id", orderId).query(BigDecimal.class).list();
    }

    private long incidents(String id) {
        return runtime.createIncidentQuery().processInstanceId(api.processInstanceId(id)).count();
    }

    private long reached(String id, String activityId) {
        return OrderTasks.reached(history, api.processInstanceId(id), activityId);
    }
}
