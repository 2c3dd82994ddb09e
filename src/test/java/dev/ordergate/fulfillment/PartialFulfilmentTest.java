package dev.ordergate.fulfillment;

import dev.ordergate.OrderTasks;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import dev.ordergate.sandbox.SimulatedWmsStock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The back half of order fulfilment with the sandbox WMS and Odoo over HTTP: partial shipments, backorders (filled,
 * expired, cancelled by the customer), shipment problems (reshipped, refunded, cancelled), and one invoice per
 * shipment for a channel configured so. Each scenario ends with Odoo's deliveries and invoices matching ours.
 */
@IntegrationTest
class PartialFulfilmentTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The sandbox Odoo's seeded stock of the lamp every backorder scenario runs short of. */
    private static final double LAMPS_ON_HAND = 3;

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxFaults faults;
    @Autowired
    SandboxOdoo odoo;
    @Autowired
    SimulatedWmsStock wmsStock;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void restore() {
        faults.reset();
        odoo.adjustStock("FURN_8888", LAMPS_ON_HAND - odoo.onHand("FURN_8888"));
        wmsStock.set("FURN_8888", "WH", BigDecimal.valueOf(LAMPS_ON_HAND), BigDecimal.ZERO);
    }

    @Test
    void partialShipmentsAreDeliveredInOdooAsTheyComeAndTheOrderCompletesWithTheLast() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "10", "299.00")));
        api.awaitOrderStatus(id, "RELEASED");

        JsonNode first = ship(key, "FURN_0269", "4");
        api.awaitOrderStatus(id, "PARTIALLY_SHIPPED");
        await().atMost(PATIENCE).until(() -> odoo.delivered(key).get("FURN_0269") == 4.0);
        assertThat(odoo.deliveryStates(key)).as("the rest is on Odoo's backorder").containsExactly("done", "assigned");

        var duplicate = api.post("/api/v1/shipments", """
                {"shipmentId": "%s", "businessKey": "%s", "lines": [{"sku": "FURN_0269", "quantity": 4}]}
                """.formatted(first.path("shipmentId").asText(), key));
        assertThat(duplicate.body().path("outcome").asText()).isEqualTo("DUPLICATE");

        ship(key, "FURN_0269", "6");
        var completed = api.awaitOrderStatus(id, "COMPLETED");

        assertThat(odoo.delivered(key)).containsEntry("FURN_0269", 10.0);
        assertThat(odoo.deliveryStates(key)).containsExactly("done", "done");
        assertThat(invoices(id)).as("one invoice at the end, for all ten").singleElement()
                .satisfies(amount -> assertThat(amount).isGreaterThanOrEqualTo(new BigDecimal("2990.00")));
        assertThat(completed.path("invoiceRef").asText()).startsWith("INV/");
        assertThat(statusEvents(id)).containsSubsequence("released", "partially_shipped", "shipped", "invoiced", "completed");
    }

    @Test
    void aBackorderShipsWhatIsThereNowAndTheRestWhenTheWarehouseIsReplenished() {
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = submitShortOfLamps(ref);

        var backordered = api.awaitOrderStatus(id, "BACKORDERED");
        assertThat(odoo.delivered(key)).containsEntry("FURN_8888", 3.0);
        assertThat(odoo.salesOrdersByClientRef(key)).as("the backorder is Odoo's, not a second order").hasSize(1);
        assertThat(backordered.path("statusReason").asText()).contains("FURN_8888 x 2");

        var replenished = api.post("/sandbox/wms/v1/replenishments", """
                {"sku": "FURN_8888", "quantity": 2}
                """);
        assertThat(replenished.status()).isEqualTo(202);

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.delivered(key)).containsEntry("FURN_8888", 5.0);
        assertThat(odoo.deliveryStates(key)).containsExactly("done", "done");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.warehouse_releases WHERE business_key = :k").param("k", key)
                .query(Long.class).single()).as("the first release and the backorder's").isEqualTo(2);
        assertThat(invoices(id)).hasSize(1);
        assertThat(statusEvents(id)).containsSubsequence("backordered", "shipped", "invoiced", "completed");
    }

    @Test
    void aCustomerWhoTakesPartialShipmentsIsBackorderedWithoutAReview() {
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_8888", "5", "36.00"))
                .replace("\"allowPartialShipment\": false", "\"allowPartialShipment\": true"));

        api.awaitOrderStatus(id, "BACKORDERED");

        assertThat(OrderTasks.of(tasks, runtime, api.processInstanceId(id)).count()).isZero();
        assertThat(odoo.delivered(key)).containsEntry("FURN_8888", 3.0);
        assertThat(statusEvents(id)).doesNotContain("in_review").containsSubsequence("validated", "backordered");
        api.post("/api/v1/orders/" + id + "/cancellation", "{\"reason\": \"Test over\"}");
        api.awaitOrderStatus(id, "COMPLETED");
    }

    @Test
    void anExpiredBackorderIsCancelledInOdooAndWhatShippedIsInvoiced() {
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = submitShortOfLamps(ref);
        api.awaitOrderStatus(id, "BACKORDERED");

        String processInstanceId = api.get("/api/v1/orders/" + id).body().path("processInstanceId").asText();
        var expiry = management.createJobQuery().rootProcessInstanceId(processInstanceId).activityId("backorderExpired")
                .singleResult();
        assertThat(expiry.getDuedate()).as("thirty days by default").isAfter(new java.util.Date(System.currentTimeMillis()
                + Duration.ofDays(29).toMillis()));
        management.executeJob(expiry.getId());

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.delivered(key)).containsEntry("FURN_8888", 3.0);
        assertThat(odoo.deliveryStates(key)).containsExactly("done", "cancel");
        assertThat(invoices(id)).singleElement()
                .satisfies(amount -> assertThat(amount).isLessThan(new BigDecimal("5").multiply(new BigDecimal("36"))));
        assertThat(statusEvents(id)).containsSubsequence("backordered", "backorder_cancelled", "invoiced", "completed");
    }

    @Test
    void theCustomerCanCancelABackorderButNotWhatShipped() {
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = submitShortOfLamps(ref);
        api.awaitOrderStatus(id, "BACKORDERED");

        var cancelled = api.post("/api/v1/orders/" + id + "/cancellation", """
                {"reason": "No longer needed"}
                """);

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLING_BACKORDER");
        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.delivered(key)).containsEntry("FURN_8888", 3.0);
        assertThat(odoo.deliveryStates(key)).containsExactly("done", "cancel");
        assertThat(odoo.salesOrdersByClientRef(key)).singleElement()
                .satisfies(so -> assertThat(so.state()).isEqualTo("sale"));
        var again = api.post("/api/v1/orders/" + id + "/cancellation", """
                {"reason": "Twice"}
                """);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void damagedGoodsAreReshippedWhenCustomerServiceSaysSo() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "4", "299.00")));
        api.awaitOrderStatus(id, "RELEASED");

        reportProblem(key, "damaged", "FURN_0269", "1");
        Task task = awaitTask(id, "resolveShipmentProblem");
        assertThat(tasks.getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("customer-service"));
        assertThat(tasks.getVariable(task.getId(), "shipmentProblem")).isEqualTo("damaged");
        assertThat(tasks.getVariable(task.getId(), "problemLines")).isEqualTo("FURN_0269 x 1");
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("problemResolution", "shrug")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reship, refund or cancel-line");

        tasks.complete(task.getId(), Map.of("problemResolution", "reship"));
        await().atMost(PATIENCE).until(() -> api.get("/sandbox/wms/v1/releases/" + key + "~2").status() == 200);
        assertThat(api.get("/sandbox/wms/v1/releases/" + key + "~2").body().path("lines").get(0).path("quantity")
                .decimalValue()).isEqualByComparingTo("1");
        faults.resumeShipments();

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.delivered(key)).containsEntry("FURN_0269", 4.0);
    }

    @Test
    void lostGoodsRefundedAreTakenOffTheOrderAndTheChannelIsToldToPayBack() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "4", "299.00")));
        api.awaitOrderStatus(id, "RELEASED");

        reportProblem(key, "lost", "FURN_0269", "1");
        tasks.complete(awaitTask(id, "resolveShipmentProblem").getId(), Map.of("problemResolution", "refund"));
        ship(key, "FURN_0269", "3");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.delivered(key)).containsEntry("FURN_0269", 3.0);
        assertThat(odoo.deliveryStates(key)).as("Odoo's backorder for the lost chair is closed")
                .containsExactly("done", "cancel");
        assertThat(statusEvents(id)).contains("refund_due");
        assertThat(invoices(id)).singleElement()
                .satisfies(amount -> assertThat(amount).isLessThan(new BigDecimal("4").multiply(new BigDecimal("299"))));
    }

    @Test
    void refusedGoodsWhoseLineIsCancelledLeaveTheRestToShip() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701",
                line("1", "FURN_0269", "2", "299.00") + "," + line("2", "E-COM08", "3", "14.22")));
        api.awaitOrderStatus(id, "RELEASED");

        reportProblem(key, "refused", "E-COM08", "3");
        tasks.complete(awaitTask(id, "resolveShipmentProblem").getId(), Map.of("problemResolution", "cancel-line"));
        ship(key, "FURN_0269", "2");

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(odoo.delivered(key)).containsEntry("FURN_0269", 2.0).containsEntry("E-COM08", 0.0);
        assertThat(statusEvents(id)).contains("line_cancelled");
    }

    @Test
    void anOrderWhoseEveryLineIsTakenOffEndsCancelledInOdooAndHereWithNothingInvoiced() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "2", "299.00")));
        api.awaitOrderStatus(id, "RELEASED");

        reportProblem(key, "lost", "FURN_0269", "2");
        tasks.complete(awaitTask(id, "resolveShipmentProblem").getId(), Map.of("problemResolution", "cancel-line"));

        api.awaitOrderStatus(id, "CANCELLED");
        assertThat(odoo.salesOrdersByClientRef(key)).singleElement()
                .satisfies(so -> assertThat(so.state()).isEqualTo("cancel"));
        assertThat(odoo.delivered(key)).containsEntry("FURN_0269", 0.0);
        assertThat(invoices(id)).isEmpty();
        assertThat(statusEvents(id)).containsSubsequence("line_cancelled", "cancelled");
    }

    @Test
    void aChannelInvoicedPerShipmentGetsAnInvoiceForEachShipment() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "edi-split:" + ref;
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "4", "299.00"))
                .replace("\"b2b-portal\"", "\"edi-split\""));
        api.awaitOrderStatus(id, "RELEASED");

        ship(key, "FURN_0269", "1");
        await().atMost(PATIENCE).until(() -> invoices(id).size() == 1);
        ship(key, "FURN_0269", "3");

        api.awaitOrderStatus(id, "COMPLETED");
        List<BigDecimal> invoices = invoices(id);
        assertThat(invoices).hasSize(2);
        assertThat(invoices.get(1)).isEqualByComparingTo(invoices.get(0).multiply(new BigDecimal("3")));
        assertThat(statusEvents(id).stream().filter("invoiced"::equals)).hasSize(2);
        var shown = api.get("/api/v1/orders/" + id + "/invoices").body();
        assertThat(shown.path("invoices")).hasSize(2);
        assertThat(shown.path("paymentState").asText()).as("as Odoo knows it").isEqualTo("NOT_PAID");
    }

    @Test
    void badWarehouseMessagesAreRefusedWithProblemDetails() {
        var unknownOrder = api.post("/api/v1/shipments/problems", """
                {"problemId": "P-1", "businessKey": "b2b-portal:nope", "problem": "lost", "lines": [{"sku": "X", "quantity": 1}]}
                """);
        assertThat(unknownOrder.status()).isEqualTo(404);
        assertThat(unknownOrder.contentType()).startsWith("application/problem+json");

        var unknownProblem = api.post("/api/v1/shipments/problems", """
                {"problemId": "P-1", "businessKey": "b2b-portal:nope", "problem": "stolen", "lines": [{"sku": "X", "quantity": 1}]}
                """);
        assertThat(unknownProblem.status()).isEqualTo(400);
        assertThat(unknownProblem.contentType()).startsWith("application/problem+json");

        String ref = uniqueRef();
        api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "1", "299.00")));
        var notOnTheOrder = api.post("/api/v1/shipments/problems", """
                {"problemId": "P-2", "businessKey": "b2b-portal:%s", "problem": "lost", "lines": [{"sku": "E-COM07", "quantity": 1}]}
                """.formatted(ref));
        assertThat(notOnTheOrder.status()).isEqualTo(422);
        assertThat(notOnTheOrder.body().path("errors").get(0).path("field").asText()).isEqualTo("lines[0].sku");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.shipments WHERE shipment_id = 'P-2'").query(Long.class).single())
                .as("nothing stored").isZero();

        var noSkus = api.post("/api/v1/shipments/replenishments", """
                {"skus": []}
                """);
        assertThat(noSkus.status()).isEqualTo(422);
        assertThat(noSkus.body().toString()).contains("skus");
    }

    /** Five lamps where three are on hand: customer service ships the three and backorders two. */
    private String submitShortOfLamps(String ref) {
        String id = api.submitOrder(order(ref, "C-10042", "US", "93701", line("1", "FURN_8888", "5", "36.00")));
        Task review = awaitTask(id, "reviewShortfall");
        tasks.complete(review.getId(), Map.of("decision", "ship-available"));
        return id;
    }

    private JsonNode ship(String releaseId, String sku, String quantity) {
        var shipped = api.post("/sandbox/wms/v1/releases/" + releaseId + "/shipments", """
                {"lines": [{"sku": "%s", "quantity": %s}]}
                """.formatted(sku, quantity));
        assertThat(shipped.status()).as(shipped.raw()).isEqualTo(200);
        return shipped.body();
    }

    private void reportProblem(String releaseId, String problem, String sku, String quantity) {
        var reported = api.post("/sandbox/wms/v1/releases/" + releaseId + "/problems", """
                {"problem": "%s", "lines": [{"sku": "%s", "quantity": %s}]}
                """.formatted(problem, sku, quantity));
        assertThat(reported.status()).as(reported.raw()).isEqualTo(200);
    }



    private Task awaitTask(String id, String taskKey) {
        String pi = api.get("/api/v1/orders/" + id).body().path("processInstanceId").asText();
        return await().atMost(PATIENCE).until(() -> OrderTasks.of(tasks, runtime, pi).singleResult(),
                t -> t != null && taskKey.equals(OrderTasks.kindOf(tasks, t)));
    }

    private List<BigDecimal> invoices(String orderId) {
        return jdbc.sql("SELECT amount FROM app.order_invoices WHERE order_id = :id ORDER BY invoiced_at, invoice_ref")
                .param("id", orderId).query(BigDecimal.class).list();
    }

    private List<String> statusEvents(String orderId) {
        return jdbc.sql("SELECT status FROM app.status_events WHERE order_id = :id ORDER BY seq")
                .param("id", orderId).query(String.class).list();
    }
}
