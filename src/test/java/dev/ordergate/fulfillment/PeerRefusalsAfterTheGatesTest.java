package dev.ordergate.fulfillment;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.ApiClient;
import dev.ordergate.OrderTasks;
import dev.ordergate.IntegrationTest;
import dev.ordergate.ops.Scrape;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Odoo's refusals after the gates reach a person too, with the peer's own words and no incident: at the commit the
 * reviewer may try again or cancel (which cancels the quotation Odoo already made), and after the goods left only
 * trying again or handing over is offered. Shares PeerRefusalsTest's application.
 */
@IntegrationTest
class PeerRefusalsAfterTheGatesTest {


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

    @BeforeEach
    void refusalReviews() {
        refusals = new RefusalReviews(tasks, runtime, api);
    }

    @AfterEach
    void healPeers() {
        faults.reset();
    }

    @Test
    void odoosRefusalToConfirmTheSalesOrderReachesAPersonAndTryingAgainConfirmsTheSameQuotation() {
        faults.failNext("sale.order", "action_confirm", 1, SandboxFaults.Fault.USER_ERROR);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "commitSalesOrder"), "retry", "Customer's pricelist fixed in Odoo");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).hasSize(1);
        assertThat(reached(id, "resolveCommitSalesOrderRefusal")).isEqualTo(1);
        assertThat(reached(id, "commitSalesOrder")).isEqualTo(2);
    }

    @Test
    void odoosRefusalToConfirmCancelledByThePersonCancelsTheQuotationOdooAlreadyMade() {
        faults.failNext("sale.order", "action_confirm", 1, SandboxFaults.Fault.USER_ERROR);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusal", "odoo", "commitSalesOrder"), "cancel", "Customer closed, order void");

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).singleElement()
                .satisfies(so -> assertThat(so.state()).isEqualTo("cancel"));
        assertThat(reached(id, "cancelRefusedOrder")).isEqualTo(1);
        assertThat(reached(id, "cancelledByReviewerEnd")).isEqualTo(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(api.processInstanceId(id)).count()).isZero();
        assertThat(Scrape.of(api).value("ordergate_peer_refusals_total", "peer", "odoo", "activity", "commitSalesOrder"))
                .as("counted as a business refusal, apart from incidents").isPositive();
    }

    @Test
    void odoosRefusalToRecordTheDeliveryOffersNoCancelAndTryingAgainCompletesTheOrder() {
        faults.failNext("stock.picking", "button_validate", 1, SandboxFaults.Fault.USER_ERROR);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));

        Task review = refusals.awaitRefusal(id, ref, "resolveRefusalNoCancel", "odoo", "recordDelivery");
        assertThat(tasks.getVariable(review.getId(), "exceptionGate")).isEqualTo("refusal-no-cancel");
        refusals.decide(review, "retry", "Lot number entered in Odoo");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(reached(id, "recordDeliveryRefused")).isEqualTo(1);
        assertThat(reached(id, "recordDelivery")).isEqualTo(2);
    }

    @Test
    void odoosRefusalToCancelTheSalesOrderOffersNoCancelAndTryingAgainCancelsIt() {
        faults.pauseShipments();
        try {
            String ref = uniqueRef();
            String id = api.submitOrder(sample(ref));
            api.awaitOrderStatus(id, "RELEASED");
            faults.failNext("sale.order", "action_cancel", 1, SandboxFaults.Fault.USER_ERROR);

            assertThat(api.post("/api/v1/orders/" + id + "/cancellation", "{\"reason\": \"Customer changed their mind\"}")
                    .status()).isEqualTo(202);
            refusals.decide(refusals.awaitRefusal(id, ref, "resolveRefusalNoCancel", "odoo", "cancelSalesOrder"), "retry",
                    "Delivery un-reserved in Odoo");

            api.awaitOrderStatus(id, "CANCELLED");
            assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).singleElement()
                    .satisfies(so -> assertThat(so.state()).isEqualTo("cancel"));
            assertThat(reached(id, "cancelSalesOrderRefused")).isEqualTo(1);
            assertThat(reached(id, "withdrawRelease")).as("the releases were withdrawn once").isEqualTo(1);
        } finally {
            faults.resumeShipments();
        }
    }

    private long reached(String id, String activityId) {
        return OrderTasks.reached(history, api.processInstanceId(id), activityId);
    }
}
