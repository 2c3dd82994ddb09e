package dev.ordergate.returns;

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
import dev.ordergate.ops.Scrape;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Returns of shipped orders over the API, with the sandbox Odoo and WMS over HTTP: a partial return end to end,
 * over-returns refused with nothing stored, a second return of what is left, customer service's refusal, and a
 * resent request.
 */
@IntegrationTest
class OrderReturnTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxOdoo odoo;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SandboxFaults faults;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;

    @Test
    void partOfAShipmentIsReturnedReceivedInspectedAndCreditedForTheReturnedQuantityOnly() {
        String ref = uniqueRef();
        String orderId = shippedAndInvoiced(sample(ref));
        String clientRef = "b2b-portal:" + ref;

        var requested = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "FURN_0269", "2"));

        assertThat(requested.status()).as(requested.raw()).isEqualTo(201);
        String returnId = requested.body().path("id").asText();
        assertThat(requested.body().path("status").asText()).isEqualTo("REQUESTED");
        Task inspection = awaitTask(requested.body().path("processInstanceId").asText(), "inspectReturn");
        assertThat(returnOf(returnId).path("status").asText()).isEqualTo("RECEIVED");
        assertThat(api.get("/sandbox/wms/v1/returns/" + returnId).body().path("status").asText()).isEqualTo("RECEIVED");
        assertThat(odoo.pickingsByClientRef(clientRef)).filteredOn(p -> p.type().equals("incoming")).singleElement()
                .satisfies(receipt -> {
                    assertThat(receipt.state()).isEqualTo("done");
                    assertThat(receipt.origin()).isEqualTo(clientRef + "/RET-1");
                    assertThat(receipt.quantities()).isEqualTo(Map.of("FURN_0269", 2.0));
                });

        tasks.complete(inspection.getId(), Map.of("goodsCondition", "opened", "disposition", "restock"));

        JsonNode credited = await().atMost(PATIENCE).until(() -> returnOf(returnId),
                r -> "CREDITED".equals(r.path("status").asText()));
        var creditNote = odoo.movesByClientRef(clientRef).stream().filter(m -> m.moveType().equals("out_refund"))
                .toList();
        assertThat(creditNote).singleElement().satisfies(note -> {
            assertThat(note.state()).isEqualTo("posted");
            assertThat(note.name()).startsWith("RINV/").isEqualTo(credited.path("creditNoteRef").asText());
            assertThat(note.quantities()).isEqualTo(Map.of("FURN_0269", 2.0));
            // 2 x 299.00 plus the 15 % tax of the invoice line, not the whole invoice.
            assertThat(note.amountTotal()).isEqualTo(687.70);
        });
        assertThat(credited.path("creditAmount").decimalValue()).isEqualByComparingTo("687.70");
        assertThat(credited.path("inspection").path("disposition").asText()).isEqualTo("restock");
        assertThat(odoo.linesByClientRef(clientRef)).filteredOn(l -> l.sku().equals("FURN_0269")).singleElement()
                .satisfies(l -> {
                    assertThat(l.delivered()).as("delivered less the return").isEqualTo(10.0);
                    assertThat(l.invoiced()).as("invoiced less the credit note").isEqualTo(10.0);
                });
        assertThat(statusEvents(orderId)).containsSubsequence("completed", "returned", "credited");
        JsonNode order = api.get("/api/v1/orders/" + orderId).body();
        assertThat(order.path("returns").get(0).path("returnRef").asText()).isEqualTo("RET-1");
        assertThat(order.path("returns").get(0).path("status").asText()).isEqualTo("CREDITED");

        var receiptAgain = api.post("/sandbox/wms/v1/returns/" + returnId + "/receive", "");
        assertThat(receiptAgain.body().path("lastAnswer").asText()).as("the warehouse's duplicate changes nothing")
                .contains("DUPLICATE");
        assertThat(odoo.pickingsByClientRef(clientRef)).filteredOn(p -> p.type().equals("incoming")).hasSize(1);
    }

    @Test
    void anOverReturnIsRefusedNamingTheLineAndNothingIsStored() {
        String orderId = shippedAndInvoiced(sample(uniqueRef()));

        var tooMany = api.post("/api/v1/orders/" + orderId + "/returns", """
                {"returnRef": "RET-X", "reason": "Too many", "lines": [
                  {"sku": "FURN_0269", "quantity": 13}, {"sku": "NOT-SHIPPED", "quantity": 1}]}
                """);

        assertThat(tooMany.status()).as(tooMany.raw()).isEqualTo(422);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.body().path("errors").findValuesAsText("field"))
                .containsExactly("lines[0].quantity", "lines[1].sku");
        assertThat(tooMany.body().path("detail").asText()).contains("shipped 12");
        assertThat(storedReturns(orderId)).isZero();
        assertThat(api.get("/api/v1/orders/" + orderId).body().path("returns")).isEmpty();
        assertThat(api.post("/api/v1/orders/no-such-order/returns", request("RET-1", "FURN_0269", "1")).status())
                .isEqualTo(404);
        var noLines = api.post("/api/v1/orders/" + orderId + "/returns", "{\"returnRef\": \"RET-2\", \"reason\": \"x\", \"lines\": []}");
        assertThat(noLines.status()).isEqualTo(422);
        assertThat(noLines.body().path("errors").get(0).path("field").asText()).isEqualTo("lines");
    }

    @Test
    void anOrderThatHasNotShippedCannotBeReturned() {
        var submitted = api.post("/api/v1/orders", order(uniqueRef(), "C-10042", "US", "93701",
                line("1", "FURN_0269", "2", "250.00")));
        String orderId = submitted.body().path("id").asText();
        awaitOrder(orderId, "IN_REVIEW");

        var refused = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "FURN_0269", "1"));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.body().path("type").asText()).endsWith("not-shipped");
        assertThat(storedReturns(orderId)).isZero();
    }

    @Test
    void whatIsLeftMayBeReturnedOnceMoreAndNotBeyond() {
        String ref = uniqueRef();
        String orderId = shippedAndInvoiced(sample(ref));
        var first = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "FURN_0269", "2"));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);

        var second = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-2", "FURN_0269", "10"));
        var third = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-3", "FURN_0269", "1"));

        assertThat(second.status()).as(second.raw()).isEqualTo(201);
        assertThat(third.status()).as(third.raw()).isEqualTo(422);
        assertThat(third.body().path("detail").asText()).contains("at most 0");
        // 10 x 299.00 is above the table's 1,000: customer service approves it before anything is opened.
        Task approval = awaitTask(second.body().path("processInstanceId").asText(), "approveReturn");
        assertThat(tasks.getVariable(approval.getId(), "exceptionReason").toString()).contains("Worth more than 1,000");
        assertThat(odoo.pickingsByClientRef("b2b-portal:" + ref).stream()
                .filter(p -> p.origin().endsWith("/RET-2"))).isEmpty();
        tasks.complete(approval.getId(), Map.of("decision", "approve"));
        awaitTask(second.body().path("processInstanceId").asText(), "inspectReturn");
        awaitTask(first.body().path("processInstanceId").asText(), "inspectReturn");
        assertThat(odoo.pickingsByClientRef("b2b-portal:" + ref)).filteredOn(p -> p.type().equals("incoming"))
                .extracting(p -> p.quantities().get("FURN_0269")).containsExactlyInAnyOrder(2.0, 10.0);
        assertThat(storedReturns(orderId)).isEqualTo(2);
    }

    @Test
    void twoReturnsAtOnceCannotTogetherTakeBackMoreThanWasShipped() {
        String orderId = shippedAndInvoiced(sample(uniqueRef()));

        var a = CompletableFuture.supplyAsync(() -> api.post("/api/v1/orders/" + orderId + "/returns",
                request("RET-A", "E-COM07", "3")));
        var b = CompletableFuture.supplyAsync(() -> api.post("/api/v1/orders/" + orderId + "/returns",
                request("RET-B", "E-COM07", "3")));

        assertThat(List.of(a.join().status(), b.join().status())).containsExactlyInAnyOrder(201, 422);
        assertThat(storedReturns(orderId)).isEqualTo(1);
    }

    @Test
    void customerServiceRefusesAReturnAndItsQuantitiesMayBeAskedForAgain() {
        String ref = uniqueRef();
        String orderId = shippedAndInvoiced(sample(ref));
        var requested = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "FURN_0269", "4"));
        String returnId = requested.body().path("id").asText();
        Task approval = awaitTask(requested.body().path("processInstanceId").asText(), "approveReturn");
        assertThat(returnOf(returnId).path("status").asText()).isEqualTo("AWAITING_APPROVAL");

        tasks.complete(approval.getId(), Map.of("decision", "reject", "decisionComment", "Chairs were used"));

        JsonNode refused = await().atMost(PATIENCE).until(() -> returnOf(returnId),
                r -> "REFUSED".equals(r.path("status").asText()));
        assertThat(refused.path("statusReason").asText()).contains("Chairs were used");
        assertThat(statusEvents(orderId)).contains("return_refused").doesNotContain("returned", "credited");
        assertThat(odoo.pickingsByClientRef("b2b-portal:" + ref)).noneMatch(p -> p.type().equals("incoming"));
        assertThat(odoo.movesByClientRef("b2b-portal:" + ref)).noneMatch(m -> m.moveType().equals("out_refund"));
        assertThat(api.get("/sandbox/wms/v1/returns/" + returnId).status()).isEqualTo(404);
        JsonNode order = api.get("/api/v1/orders/" + orderId).body();
        assertThat(order.path("reviews").findValuesAsText("gate")).contains("return");
        assertThat(order.path("reviews").findValuesAsText("decision")).contains("reject");

        var again = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-2", "FURN_0269", "12"));
        assertThat(again.status()).as("a refused return takes nothing back: " + again.raw()).isEqualTo(201);
    }

    @Test
    void aResentRequestAnswersTheSameReturnAndAnotherBodyUnderItsReferenceIsAConflict() {
        String orderId = shippedAndInvoiced(sample(uniqueRef()));
        var first = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "E-COM07", "1"));

        var again = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "E-COM07", "1.000"));
        var changed = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "E-COM07", "2"));

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.body().path("type").asText()).endsWith("return-conflict");
        assertThat(storedReturns(orderId)).isEqualTo(1);
    }

    @Test
    void answersOdooLostMakeNeitherASecondReceiptNorASecondScrapNorASecondCreditNote() {
        String ref = uniqueRef();
        String clientRef = "b2b-portal:" + ref;
        String orderId = shippedAndInvoiced(sample(ref));
        // Odoo makes the receipt and the draft credit note, and the answers never arrive: the retries must adopt them.
        faults.failNext("stock.return.picking", "action_create_returns", 1, SandboxFaults.Fault.LOSE_RESPONSE);
        faults.failNext("account.move.reversal", "refund_moves", 1, SandboxFaults.Fault.LOSE_RESPONSE);
        faults.failNext("stock.scrap", "action_validate", 1, SandboxFaults.Fault.LOSE_RESPONSE);
        var requested = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "E-COM07", "2"));
        String returnId = requested.body().path("id").asText();

        Task inspection = awaitTask(requested.body().path("processInstanceId").asText(), "inspectReturn");
        tasks.complete(inspection.getId(), Map.of("goodsCondition", "damaged", "disposition", "scrap",
                "inspectionNote", "Door hinge broken"));
        await().atMost(PATIENCE).until(() -> returnOf(returnId), r -> "CREDITED".equals(r.path("status").asText()));

        assertThat(faults.callCount("stock.return.picking", "action_create_returns")).isEqualTo(1);
        assertThat(faults.callCount("account.move.reversal", "refund_moves")).isEqualTo(1);
        assertThat(odoo.pickingsByClientRef(clientRef)).filteredOn(p -> p.type().equals("incoming")).singleElement()
                .satisfies(p -> assertThat(p.origin()).isEqualTo(clientRef + "/RET-1"));
        assertThat(odoo.movesByClientRef(clientRef)).filteredOn(m -> m.moveType().equals("out_refund")).singleElement()
                .satisfies(m -> {
                    assertThat(m.ref()).isEqualTo(clientRef + "/RET-1");
                    assertThat(m.quantities()).isEqualTo(Map.of("E-COM07", 2.0));
                });
        assertThat(returnOf(returnId).path("inspection").path("note").asText()).isEqualTo("Door hinge broken");
        assertThat(odoo.scrappedByOrigin(clientRef + "/RET-1")).as("scrapped once, although Odoo's answer was lost")
                .isEqualTo(Map.of("E-COM07", 2.0));
        assertThat(faults.callCount("stock.scrap", "create")).isEqualTo(1);
    }

    @Test
    void odoosRefusalOfTheCreditNoteGoesToAPersonWithOdoosWordsAndTryingAgainCreditsTheReturnOnce() {
        String ref = uniqueRef();
        String clientRef = "b2b-portal:" + ref;
        String orderId = shippedAndInvoiced(sample(ref));
        faults.failNext("account.move.reversal", "*", 1, SandboxFaults.Fault.USER_ERROR);
        var requested = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "FURN_0269", "2"));
        String returnId = requested.body().path("id").asText();
        String returnInstance = requested.body().path("processInstanceId").asText();
        tasks.complete(awaitTask(returnInstance, "inspectReturn").getId(),
                Map.of("goodsCondition", "opened", "disposition", "restock"));

        Task review = await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), "resolveRefusal")
                .processInstanceBusinessKey(runtime.createProcessInstanceQuery().processInstanceId(returnInstance)
                        .singleResult().getBusinessKey()).singleResult(), t -> t != null);
        Map<String, Object> shown = tasks.getVariables(review.getId());
        assertThat(shown).containsEntry("refusalPeer", "odoo").containsEntry("refusalStep", "creditReturn")
                .containsEntry("refusalStepName", "Credit the returned goods in Odoo")
                .containsEntry("refusalCode", "odoo-refused");
        assertThat((String) shown.get("refusalMessage")).isEqualTo(SandboxFaults.REFUSAL);
        assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(l -> l.getGroupId())
                .contains("customer-service");
        assertThat(runtime.createIncidentQuery().processInstanceId(returnInstance).count()).isZero();
        assertThat(returnOf(returnId).path("status").asText()).isEqualTo("RECEIVED");
        assertThat(Scrape.of(api).value("ordergate_peer_refusals_total", "peer", "odoo", "activity", "creditReturn"))
                .isPositive();

        tasks.complete(review.getId(), Map.of("decision", "retry", "refusalGroup", "customer-service",
                "decisionComment", "Sales journal reopened in Odoo"));

        await().atMost(PATIENCE).until(() -> returnOf(returnId), r -> "CREDITED".equals(r.path("status").asText()));
        assertThat(odoo.movesByClientRef(clientRef)).filteredOn(m -> m.moveType().equals("out_refund")).hasSize(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(returnInstance)
                .variableName("refusalComment").singleResult().getValue()).isEqualTo("Sales journal reopened in Odoo");
        JsonNode reviews = api.get("/api/v1/orders/" + orderId).body().path("reviews");
        assertThat(reviews.findValuesAsText("gate")).contains("refusal");
        assertThat(reviews.findValuesAsText("decision")).contains("retry");
    }

    @Test
    void odoosRefusalToOpenTheReturnGoesToAPersonAndCancellingRefusesTheReturnWithTheReviewersReason() {
        String ref = uniqueRef();
        String orderId = shippedAndInvoiced(sample(ref));
        faults.failNext("stock.return.picking", "create", 1, SandboxFaults.Fault.USER_ERROR);
        var requested = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "FURN_0269", "2"));
        String returnId = requested.body().path("id").asText();
        String returnInstance = requested.body().path("processInstanceId").asText();

        Task review = await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), "resolveRefusal")
                .processInstanceBusinessKey(runtime.createProcessInstanceQuery().processInstanceId(returnInstance)
                        .singleResult().getBusinessKey()).singleResult(), t -> t != null);
        assertThat(tasks.getVariables(review.getId())).containsEntry("refusalPeer", "odoo")
                .containsEntry("refusalStep", "openReturnPicking").containsEntry("refusalMessage", SandboxFaults.REFUSAL);
        assertThat(runtime.createIncidentQuery().processInstanceId(returnInstance).count()).isZero();
        tasks.complete(review.getId(), Map.of("decision", "cancel", "refusalGroup", "customer-service",
                "decisionComment", "Delivery was never posted in Odoo"));

        await().atMost(PATIENCE).until(() -> returnOf(returnId), r -> "REFUSED".equals(r.path("status").asText()));
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(returnInstance)
                .activityId("openReturnPickingRefusalCancelled").count()).isEqualTo(1);
        assertThat(statusEvents(orderId)).contains("return_refused").doesNotContain("credited");
        assertThat(odoo.movesByClientRef("b2b-portal:" + ref)).noneMatch(m -> m.moveType().equals("out_refund"));
    }

    @Test
    void aRefusalHandedToAnotherGroupReachesThatGroupAndCancellingItKeepsTheGoodsWithoutACreditNote() {
        String ref = uniqueRef();
        String orderId = shippedAndInvoiced(sample(ref));
        faults.failNext("account.move.reversal", "*", 1, SandboxFaults.Fault.USER_ERROR);
        var requested = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "FURN_0269", "2"));
        String returnId = requested.body().path("id").asText();
        String returnInstance = requested.body().path("processInstanceId").asText();
        tasks.complete(awaitTask(returnInstance, "inspectReturn").getId(),
                Map.of("goodsCondition", "opened", "disposition", "restock"));
        String businessKey = runtime.createProcessInstanceQuery().processInstanceId(returnInstance).singleResult()
                .getBusinessKey();
        Task first = await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), "resolveRefusal")
                .processInstanceBusinessKey(businessKey).singleResult(), t -> t != null);

        tasks.complete(first.getId(), Map.of("decision", "hand-over", "refusalGroup", "credit-controllers",
                "decisionComment", "Journals are finance's"));
        Task handedOver = OrderTasks.review(tasks.createTaskQuery(), "resolveRefusal")
                .processInstanceBusinessKey(businessKey).singleResult();
        assertThat(tasks.getIdentityLinksForTask(handedOver.getId())).extracting(l -> l.getGroupId())
                .containsExactly("credit-controllers");
        tasks.complete(handedOver.getId(), Map.of("decision", "cancel", "refusalGroup", "credit-controllers",
                "decisionComment", "Customer gets a voucher instead"));

        await().atMost(PATIENCE).until(() -> runtime.createProcessInstanceQuery().processInstanceId(returnInstance)
                .count() == 0);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(returnInstance)
                .activityId("creditGivenUp").count()).isEqualTo(1);
        assertThat(returnOf(returnId).path("status").asText()).isEqualTo("RECEIVED");
        assertThat(odoo.movesByClientRef("b2b-portal:" + ref)).noneMatch(m -> m.moveType().equals("out_refund"));
    }

    @Test
    void refusalsToOpenAndAnnounceTheReturnAreTriedAgainAndTheGoodsAreReceivedOnce() {
        String ref = uniqueRef();
        String clientRef = "b2b-portal:" + ref;
        String orderId = shippedAndInvoiced(sample(ref));
        faults.failNext("stock.return.picking", "create", 1, SandboxFaults.Fault.USER_ERROR);
        faults.refuseNext("wms", 1);
        var requested = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "FURN_0269", "2"));
        String returnInstance = requested.body().path("processInstanceId").asText();

        Task open = awaitRefusal(returnInstance, "resolveRefusal", "odoo", "openReturnPicking");
        tasks.complete(open.getId(), Map.of("decision", "retry", "refusalGroup", "customer-service",
                "decisionComment", "Delivery posted in Odoo"));
        Task announce = awaitRefusal(returnInstance, "resolveRefusalNoCancel", "wms", "expectReturnedGoods");
        tasks.complete(announce.getId(), Map.of("decision", "retry", "refusalGroup", "customer-service",
                "decisionComment", "Return dock reopened"));

        awaitTask(returnInstance, "inspectReturn");
        assertThat(odoo.pickingsByClientRef(clientRef)).filteredOn(p -> p.type().equals("incoming")).singleElement()
                .satisfies(receipt -> assertThat(receipt.state()).isEqualTo("done"));
        assertThat(reached(returnInstance, "openReturnPicking")).isEqualTo(2);
        assertThat(reached(returnInstance, "expectReturnedGoods")).isEqualTo(2);
    }

    @Test
    void refusalsToReceiveAndToScrapTheReturnOfferNoCancelAndTryingAgainCreditsAndScrapsOnce() {
        String ref = uniqueRef();
        String clientRef = "b2b-portal:" + ref;
        String orderId = shippedAndInvoiced(sample(ref));
        holdJobsOf("receiveReturnInOdoo");
        String returnId;
        String returnInstance;
        try {
            var requested = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "E-COM07", "2"));
            returnId = requested.body().path("id").asText();
            returnInstance = requested.body().path("processInstanceId").asText();
            String instance = returnInstance;
            await().atMost(PATIENCE).until(() -> management.createJobQuery().processInstanceId(instance)
                    .activityId("receiveReturnInOdoo").count() == 1);
            faults.failNext("stock.picking", "*", 1, SandboxFaults.Fault.USER_ERROR);
        } finally {
            releaseJobsOf("receiveReturnInOdoo");
        }

        tasks.complete(awaitRefusal(returnInstance, "resolveRefusalNoCancel", "odoo", "receiveReturnInOdoo").getId(),
                Map.of("decision", "retry", "refusalGroup", "customer-service", "decisionComment", "Receipt unlocked"));
        Task inspection = awaitTask(returnInstance, "inspectReturn");
        faults.failNext("stock.scrap", "*", 1, SandboxFaults.Fault.USER_ERROR);
        tasks.complete(inspection.getId(), Map.of("goodsCondition", "damaged", "disposition", "scrap",
                "inspectionNote", "Door hinge broken"));
        tasks.complete(awaitRefusal(returnInstance, "resolveRefusalNoCancel", "odoo", "scrapReturnedGoods").getId(),
                Map.of("decision", "retry", "refusalGroup", "customer-service", "decisionComment", "Scrap location set"));

        await().atMost(PATIENCE).until(() -> runtime.createProcessInstanceQuery().processInstanceId(returnInstance)
                .count() == 0);
        assertThat(returnOf(returnId).path("status").asText()).isEqualTo("CREDITED");
        assertThat(odoo.pickingsByClientRef(clientRef)).filteredOn(p -> p.type().equals("incoming")).hasSize(1);
        assertThat(odoo.scrappedByOrigin(clientRef + "/RET-1")).isEqualTo(Map.of("E-COM07", 2.0));
        assertThat(reached(returnInstance, "receiveReturnInOdoo")).isEqualTo(2);
        assertThat(reached(returnInstance, "scrapReturnedGoods")).isEqualTo(2);
    }

    @Test
    void odoosRefusalToResolveAnOlderOrderForItsReturnIsTriedAgainAndCancellingRefusesTheReturn() {
        String ref = uniqueRef();
        String orderId = shippedAndInvoiced(sample(ref));
        // An order taken in before V61 has no kept resolution: its return looks the customer up in Odoo again.
        jdbc.sql("DELETE FROM app.odoo_resolved_orders WHERE business_key = :key").param("key", "b2b-portal:" + ref)
                .update();
        faults.failNext("res.partner", "*", 2, SandboxFaults.Fault.USER_ERROR);
        var requested = api.post("/api/v1/orders/" + orderId + "/returns", request("RET-1", "FURN_0269", "2"));
        String returnId = requested.body().path("id").asText();
        String returnInstance = requested.body().path("processInstanceId").asText();

        Task first = awaitRefusal(returnInstance, "resolveRefusal", "odoo", "assessEligibility");
        tasks.complete(first.getId(), Map.of("decision", "retry", "refusalGroup", "customer-service",
                "decisionComment", "Contact un-archived"));
        Task second = await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), "resolveRefusal")
                .processInstanceBusinessKey(runtime.createProcessInstanceQuery().processInstanceId(returnInstance)
                        .singleResult().getBusinessKey()).singleResult(), t -> t != null && !t.getId().equals(first.getId()));
        tasks.complete(second.getId(), Map.of("decision", "cancel", "refusalGroup", "customer-service",
                "decisionComment", "Customer account closed"));

        await().atMost(PATIENCE).until(() -> returnOf(returnId), r -> "REFUSED".equals(r.path("status").asText()));
        assertThat(reached(returnInstance, "assessEligibility")).isEqualTo(2);
        assertThat(reached(returnInstance, "assessEligibilityRefusalCancelled")).isEqualTo(1);
        assertThat(odoo.pickingsByClientRef("b2b-portal:" + ref)).noneMatch(p -> p.type().equals("incoming"));
    }

    /** Waits for the review of the return's refusal and checks what the person sees; no incident. */
    private Task awaitRefusal(String returnInstance, String taskKey, String peer, String step) {
        String businessKey = runtime.createProcessInstanceQuery().processInstanceId(returnInstance).singleResult()
                .getBusinessKey();
        Task review = await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), taskKey)
                .processInstanceBusinessKey(businessKey).singleResult(),
                t -> t != null && step.equals(tasks.getVariable(t.getId(), "refusalStep")));
        assertThat(tasks.getVariables(review.getId())).containsEntry("refusalPeer", peer)
                .containsEntry("refusalMessage", SandboxFaults.REFUSAL);
        assertThat(review.getName()).startsWith("Resolve refusal");
        assertThat(runtime.createIncidentQuery().processInstanceId(returnInstance).count()).isZero();
        return review;
    }

    /** Jobs of the step wait, suspended, until released: a test's fault then meets that step's call and no other. */
    private void holdJobsOf(String activityId) {
        management.createJobDefinitionQuery().processDefinitionKey("order-return").activityIdIn(activityId).list()
                .forEach(d -> management.suspendJobDefinitionById(d.getId()));
    }

    private void releaseJobsOf(String activityId) {
        management.createJobDefinitionQuery().processDefinitionKey("order-return").activityIdIn(activityId)
                .suspended().list().forEach(d -> management.activateJobDefinitionById(d.getId(), true));
    }

    private long reached(String processInstanceId, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId(activityId).count();
    }

    @AfterEach
    void heal() {
        faults.reset();
    }

    static String request(String returnRef, String sku, String quantity) {
        return """
                {"returnRef": "%s", "reason": "Wrong colour", "lines": [{"sku": "%s", "quantity": %s}]}
                """.formatted(returnRef, sku, quantity);
    }

    private String shippedAndInvoiced(String body) {
        var response = api.post("/api/v1/orders", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        String id = response.body().path("id").asText();
        awaitOrder(id, "COMPLETED");
        return id;
    }

    private void awaitOrder(String id, String status) {
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body(),
                body -> status.equals(body.path("status").asText()));
    }

    private Task awaitTask(String processInstanceId, String taskKey) {
        return await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(taskKey).singleResult(), t -> t != null);
    }

    private JsonNode returnOf(String returnId) {
        return api.get("/api/v1/returns/" + returnId).body();
    }

    private long storedReturns(String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM app.order_returns WHERE order_id = :id").param("id", orderId)
                .query(Long.class).single();
    }

    private List<String> statusEvents(String orderId) {
        return jdbc.sql("SELECT status FROM app.status_events WHERE order_id = :id ORDER BY seq").param("id", orderId)
                .query(String.class).list();
    }
}
