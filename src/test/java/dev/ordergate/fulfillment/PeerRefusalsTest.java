package dev.ordergate.fulfillment;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.OrderTasks;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxMail;
import dev.ordergate.sandbox.SandboxOdoo;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A business refusal from any peer of the order-fulfillment process (Odoo, the credit service, the tax service, the
 * WMS; sandbox faults) reaches a person as "Resolve refusal" with the peer's own message and no incident; trying
 * again after the fix completes the order, cancelling ends it as cancelled with what was done undone.
 */
@IntegrationTest
class PeerRefusalsTest {


    private final ApiClient api = new ApiClient();
    private RefusalReviews refusals;

    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    SandboxFaults faults;
    @Autowired
    SandboxOdoo odoo;
    @Autowired
    ManagementService management;
    @Autowired
    SandboxMail.Mailbox mailbox;

    @BeforeEach
    void refusalReviews() {
        refusals = new RefusalReviews(tasks, runtime, api);
    }

    @AfterEach
    void healPeers() {
        faults.reset();
    }

    /**
     * E-COM08 has no variant rule on the customer's pricelist (its global rule prices it), so the price gate asks
     * Odoo's onchange instead of the pricelist rules kept on the node.
     */
    static String pricedByOdoo(String ref) {
        return order(ref, "C-10042", "US", "93701", line("1", "E-COM08", "10", "14.22"));
    }

    @Test
    void odoosRefusalOfThePriceCheckReachesAPersonAndTryingAgainCompletesTheOrder() {
        faults.failNext("sale.order", "onchange", 1, SandboxFaults.Fault.USER_ERROR);
        String ref = uniqueRef();
        String id = api.submitOrder(pricedByOdoo(ref));

        Task review = refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "checkPrices");
        refusals.decide(review, "retry", "Price list un-archived in Odoo");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).hasSize(1);
        assertThat(reached(id, "resolvePricesRefusal")).isEqualTo(1);
    }

    @Test
    void aRefusalsReviewIsTheOneReviewMailedAndEscalatedLikeAGatesButLeavesTheOrdersStatus() {
        faults.failNext("sale.order", "onchange", 1, SandboxFaults.Fault.USER_ERROR);
        String ref = uniqueRef();
        String id = api.submitOrder(pricedByOdoo(ref));

        Task review = refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "checkPrices");
        assertThat(review.getTaskDefinitionKey()).as("exception-review's task").isEqualTo(OrderTasks.REVIEW_TASK);
        awaitMail("customer-service@localhost", "Order b2b-portal:" + ref + " needs a refusal review");
        assertThat(api.get("/api/v1/orders/" + id).body().path("status").asText()).isNotEqualTo("IN_REVIEW");
        var overdue = OrderTasks.job(management, runtime, review.getProcessInstanceId(), "reviewOverdue");
        assertThat(overdue).as("the review's escalation timer").isNotNull();
        management.executeJob(overdue.getId());
        assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(link -> link.getGroupId())
                .contains("customer-service", "order-supervisors");
        awaitMail("order-supervisors@localhost", "Escalated: refusal review of order b2b-portal:" + ref + " is overdue");

        refusals.decide(review, "retry", "Price list un-archived in Odoo");
        api.awaitOrderStatus(id, "COMPLETED");
    }

    private void awaitMail(String to, String subject) {
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> mailbox.received().stream()
                .anyMatch(m -> m.to().contains(to) && m.subject().equals(subject)));
    }

    @Test
    void odoosRefusalOfTheMasterDataCheckCancelledByThePersonEndsTheOrderWithoutASalesOrder() {
        faults.failNext("product.product", "*", 1, SandboxFaults.Fault.USER_ERROR);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "checkMasterData"), "cancel", "Customer is being merged, order again");

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(reached(id, "cancelledByReviewerEnd")).isEqualTo(1);
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).isEmpty();
    }

    @Test
    void theCreditServicesRefusalReachesAPersonAndTryingAgainCompletesTheOrder() {
        faults.refuseNext("credit", 1);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "credit", "checkCredit"), "retry", "Account unfrozen in the credit service");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).hasSize(1);
    }

    @Test
    void theTaxServicesRefusalReachesAPersonAndCancellingEndsTheOrder() {
        faults.refuseNext("tax", 1);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "tax", "determineTax"), "cancel", "Exemption certificate expired");

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(reached(id, "cancelledByReviewerEnd")).isEqualTo(1);
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).isEmpty();
    }

    @Test
    void theWarehousesRefusalReachesAPersonEachTimeAndCancellingCancelsTheSalesOrderInOdoo() {
        faults.refuseNext("wms", 2);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "wms", "releaseToWarehouse"), "retry", "Ship-to address completed in the WMS");
        Task again = refusals.awaitNext(ref, "resolveRefusal");
        assertThat(tasks.getVariable(again.getId(), "refusalMessage")).isEqualTo(SandboxFaults.REFUSAL);
        refusals.decide(again, "cancel", "The WMS will not take this customer's goods");

        var cancelled = api.awaitOrderStatus(id, "CANCELLED");
        assertThat(cancelled.path("salesOrderRef").asText()).startsWith("S");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).singleElement()
                .satisfies(so -> assertThat(so.state()).isEqualTo("cancel"));
        assertThat(reached(id, "cancelRefusedOrder")).isEqualTo(1);
        assertThat(reached(id, "releaseToWarehouseRefused")).isEqualTo(2);
        assertThat(runtime.createIncidentQuery().processInstanceId(api.processInstanceId(id)).count()).isZero();
    }

    private long reached(String id, String activityId) {
        return OrderTasks.reached(history, api.processInstanceId(id), activityId);
    }
}
