package dev.ordergate.fulfillment;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Cancelling an order at each stage: before commit, after commit and release, after shipment, twice. */
@IntegrationTest
class OrderCancellationTest {

    private static final String CANCEL = "{\"reason\": \"Customer changed their mind\"}";

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxFaults faults;
    @Autowired
    SandboxOdoo odoo;
    @Autowired
    HistoryService history;

    @AfterEach
    void heal() {
        faults.reset();
    }

    @Test
    void anOrderCancelledInReviewLeavesNothingBehind() {
        String ref = uniqueRef();
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        api.awaitOrderStatus(id, "IN_REVIEW");

        var answer = api.post("/api/v1/orders/" + id + "/cancellation", CANCEL);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).isEmpty();
        assertThat(api.get("/sandbox/wms/v1/releases/b2b-portal:" + ref).status()).isEqualTo(404);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(api.processInstanceId(id))
                .activityId("withdrawRelease").count()).as("the explicit step runs, with nothing to withdraw").isEqualTo(1);
    }

    @Test
    void anOrderCancelledAfterReleaseIsCancelledInOdooAndWithdrawnFromTheWarehouse() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));
        api.awaitOrderStatus(id, "RELEASED");

        assertThat(api.post("/api/v1/orders/" + id + "/cancellation", CANCEL).status()).isEqualTo(202);

        var cancelled = api.awaitOrderStatus(id, "CANCELLED");
        assertThat(cancelled.path("salesOrderRef").asText()).startsWith("S");
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).singleElement()
                .satisfies(so -> assertThat(so.state()).isEqualTo("cancel"));
        assertThat(api.get("/sandbox/wms/v1/releases/b2b-portal:" + ref).body().path("status").asText())
                .isEqualTo("WITHDRAWN");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(api.processInstanceId(id))
                .activityId("withdrawRelease").count()).as("the release was withdrawn").isEqualTo(1);

        faults.resumeShipments();
        assertThat(api.get("/api/v1/orders/" + id).body().path("invoiceRef").isMissingNode()).isTrue();
    }

    @Test
    void aShippedOrderCannotBeCancelledAndTheChannelIsToldToRequestAReturn() {
        String id = api.submitOrder(sample(uniqueRef()));
        api.awaitOrderStatus(id, "COMPLETED");

        var refused = api.post("/api/v1/orders/" + id + "/cancellation", CANCEL);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("detail").asText()).contains("request a return");
        assertThat(api.get("/api/v1/orders/" + id).body().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void cancellingTwiceAnswersTheCancellationAndAnUnknownOrderIs404() {
        String id = api.submitOrder(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")));
        api.awaitOrderStatus(id, "IN_REVIEW");
        api.post("/api/v1/orders/" + id + "/cancellation", CANCEL);
        api.awaitOrderStatus(id, "CANCELLED");

        var again = api.post("/api/v1/orders/" + id + "/cancellation", CANCEL);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("status").asText()).isEqualTo("CANCELLED");

        assertThat(api.post("/api/v1/orders/nope/cancellation", CANCEL).status()).isEqualTo(404);
        var noReason = api.post("/api/v1/orders/" + id + "/cancellation", "{}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body().path("errors").get(0).path("field").asText()).isEqualTo("reason");
    }



}
