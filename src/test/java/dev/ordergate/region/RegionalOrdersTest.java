package dev.ordergate.region;

import dev.ordergate.OrderTasks;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxOdoo;
import dev.ordergate.sandbox.SandboxOdoo.SandboxMove;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One process model, several regional business units: an EU customer's order in EUR runs from intake to invoice in
 * the EU company of the sandbox Odoo, with that company's pricelist and tax; an order of a region in shadow mode is
 * validated and reported but never reaches Odoo.
 */
@IntegrationTest
class RegionalOrdersTest {

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxOdoo odoo;
    @Autowired
    HistoryService history;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TaskService tasks;
    @Autowired
    dev.ordergate.order.Orders orders;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;


    @Test
    void anEuCustomersOrderInEurIsCommittedDeliveredAndInvoicedInTheEuCompany() {
        String ref = uniqueRef();
        String id = api.submitOrder(order(ref, "C-50001", "DE", "10178", "EUR",
                line("1", "FURN_0269", "10", "279.00") + "," + line("2", "E-COM07", "2", "259.00")));

        JsonNode completed = api.awaitOrderStatus(id, "COMPLETED");
        String key = "b2b-portal:" + ref;

        assertThat(regionOf(id)).isEqualTo("eu");
        assertThat(odoo.salesOrdersByClientRef(key)).singleElement().satisfies(order ->
                // 10 x 279.00 + 2 x 259.00 at the EU pricelist, plus the EU company's 19 % VAT (not the US 15 %).
                assertThat(order.amountTotal()).isEqualTo(Math.round((10 * 279.0 + 2 * 259.0) * 119) / 100.0));
        assertThat(odoo.pickingsByClientRef(key)).singleElement()
                .satisfies(picking -> assertThat(picking.name()).startsWith("EU/OUT/"));
        assertThat(odoo.movesByClientRef(key)).singleElement().satisfies((SandboxMove invoice) -> {
            assertThat(invoice.name()).startsWith("EINV/");
            assertThat(invoice.state()).isEqualTo("posted");
        });
        assertThat(completed.path("invoiceRef").asText()).startsWith("EINV/");
        // The KPIs are the region's own: the EU's fulfilment latency is measured on EU orders.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            var euLatency = meters.find("ordergate.kpi.fulfillment.latency.median").tag("region", "eu").gauge();
            return euLatency != null && euLatency.value() > 0;
        });

        // The revenue reconciliation reads each region's orders in its own company, and totals per region and currency.
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        JsonNode report = api.get("/api/v1/reports/reconciliation?from=" + today + "&to=" + today).body();
        JsonNode line = null;
        for (JsonNode each : report.path("lines")) {
            line = key.equals(each.path("businessKey").asText()) ? each : line;
        }
        assertThat(line).as("the EU order's line").isNotNull();
        assertThat(line.path("region").asText()).isEqualTo("eu");
        assertThat(line.path("result").asText()).as(line.toString()).isEqualTo("MATCHED");
        assertThat(line.path("odooInvoiceRefs").get(0).asText()).startsWith("EINV/");
        assertThat(report.path("totals")).anySatisfy(total -> {
            assertThat(total.path("region").asText()).isEqualTo("eu");
            assertThat(total.path("currency").asText()).isEqualTo("EUR");
        });
    }

    @Test
    void anEuOrdersReturnIsReceivedAndCreditedInTheEuCompany() {
        String ref = uniqueRef();
        String id = api.submitOrder(order(ref, "C-50001", "DE", "10178", "EUR", line("1", "FURN_0269", "4", "279.00")));
        api.awaitOrderStatus(id, "COMPLETED");
        String key = "b2b-portal:" + ref;

        var requested = api.post("/api/v1/orders/" + id + "/returns", """
                {"returnRef": "RET-EU", "reason": "Wrong colour", "lines": [{"sku": "FURN_0269", "quantity": 1}]}
                """);
        assertThat(requested.status()).as(requested.raw()).isEqualTo(201);
        String instance = requested.body().path("processInstanceId").asText();
        Task inspection = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceId(instance).taskDefinitionKey("inspectReturn").singleResult(), task -> task != null);
        assertThat(tasks.getIdentityLinksForTask(inspection.getId())).as("the EU's customer service inspects it")
                .extracting(link -> link.getGroupId()).containsExactly("eu-customer-service");
        assertThat(send("GET", "/api/v1/reviews?group=customer-service", null, "service").raw())
                .as("not in the US customer service's list").doesNotContain(inspection.getId());
        tasks.complete(inspection.getId(), java.util.Map.of("goodsCondition", "opened", "disposition", "restock"));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> odoo.movesByClientRef(key).stream()
                .anyMatch(move -> move.moveType().equals("out_refund") && move.state().equals("posted")));
        assertThat(odoo.movesByClientRef(key)).filteredOn(move -> move.moveType().equals("out_refund")).singleElement()
                .satisfies(creditNote -> assertThat(creditNote.name()).startsWith("REINV/"));
        assertThat(odoo.pickingsByClientRef(key)).filteredOn(picking -> picking.type().equals("incoming"))
                .singleElement().satisfies(receipt -> assertThat(receipt.state()).isEqualTo("done"));
    }

    @Test
    void anOrderOfARegionInShadowIsValidatedAndReportedButNeverReachesOdoo() {
        String ref = uniqueRef();
        double before = shadowCount();
        String id = api.submitOrder(order(ref, "C-10042", "CA", "M5V 2T6", "USD", line("1", "FURN_0269", "2", "299.00")));

        JsonNode shown = api.awaitOrderStatus(id, "VALIDATED_SHADOW");

        assertThat(regionOf(id)).isEqualTo("ca");
        assertThat(shown.path("salesOrderRef").isMissingNode() || shown.path("salesOrderRef").isNull()).isTrue();
        assertThat(odoo.salesOrdersByClientRef("b2b-portal:" + ref)).isEmpty();
        String instance = api.processInstanceId(id);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("commitSalesOrder").count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("validatedInShadow").finished().count()).isEqualTo(1);
        assertThat(shadowCount()).isEqualTo(before + 1);
    }

    @Test
    void aPriceMismatchOfTheEuGoesToTheEuStewardsAndTheOtherRegionsStewardCannotSeeOrDecideIt() throws Exception {
        String ref = uniqueRef();
        String id = api.submitOrder(order(ref, "C-50001", "DE", "10178", "EUR", line("1", "FURN_0269", "10", "250.00")));
        String key = "b2b-portal:" + ref;
        Task review = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> OrderTasks.review(tasks.createTaskQuery()
                .processInstanceBusinessKey(key), "reviewPriceMismatch").singleResult(), task -> task != null);
        assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(link -> link.getGroupId())
                .containsExactly("eu-pricing-stewards");

        // The US pricing steward: not in the EU group, the review is not among theirs, and deciding it is refused.
        ApiClient.Response usList = send("GET", "/api/v1/reviews?group=pricing-stewards", null, "pricing");
        assertThat(usList.status()).isEqualTo(200);
        assertThat(usList.raw()).doesNotContain(key);
        assertThat(send("GET", "/api/v1/reviews?group=eu-pricing-stewards", null, "pricing").status()).isEqualTo(403);
        ApiClient.Response usDecision = send("POST", "/api/v1/reviews/" + review.getId() + "/decision",
                "{\"decision\": \"accept-submitted\", \"decisionComment\": \"not mine to decide\"}", "pricing");
        assertThat(usDecision.status()).as(usDecision.raw()).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).as("still open").isEqualTo(1);

        // The EU pricing steward sees it and decides it.
        assertThat(send("GET", "/api/v1/reviews?group=eu-pricing-stewards", null, "eu-pricing").raw()).contains(key);
        ApiClient.Response euDecision = send("POST", "/api/v1/reviews/" + review.getId() + "/decision",
                "{\"decision\": \"accept-submitted\", \"decisionComment\": \"EU promotion\"}", "eu-pricing");
        assertThat(euDecision.status()).as(euDecision.raw()).isEqualTo(200);
        api.awaitOrderStatus(id, "COMPLETED");
    }

    @Test
    void aChannelNotBoundToTheEuCannotSubmitAnEuOrderAndNothingIsWritten() {
        String ref = uniqueRef();
        var refused = api.post("/api/v1/orders", order(ref, "C-50001", "DE", "10178", "EUR",
                line("1", "FURN_0269", "10", "279.00")).replace("\"b2b-portal\"", "\"edi-gateway\""));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("type").asText()).isEqualTo("urn:ordergate:problem:region-not-permitted");
        assertThat(refused.body().path("region").asText()).isEqualTo("eu");
        assertThat(refused.body().path("detail").asText()).contains("edi-gateway", "eu");
        assertNothingWritten("edi-gateway:" + ref);
    }

    @Test
    void anOrderNotInItsRegionsCurrencyIsRefusedAtIntakeAndNothingIsWritten() {
        String usRef = uniqueRef();
        // Shipped to the US in euros: the us region's, which prices and invoices in USD.
        var inEuros = api.post("/api/v1/orders", order(usRef, "C-10042", "US", "93701", "EUR",
                line("1", "FURN_0269", "2", "299.00")));
        String euRef = uniqueRef();
        // The EU portal's orders are the eu region's whatever the currency; this one is in dollars.
        var inDollars = api.post("/api/v1/orders", order(euRef, "C-50001", "DE", "10178", "USD",
                line("1", "FURN_0269", "2", "279.00")).replace("\"b2b-portal\"", "\"eu-portal\""));

        assertThat(inEuros.status()).as(inEuros.raw()).isEqualTo(422);
        assertThat(inEuros.contentType()).startsWith("application/problem+json");
        assertThat(inEuros.body().path("type").asText()).isEqualTo("urn:ordergate:problem:currency-not-of-region");
        assertThat(inEuros.body().path("detail").asText()).contains("EUR", "'us'", "USD");
        assertThat(inEuros.body().path("errors").get(0).path("field").asText()).isEqualTo("currency");
        assertThat(inDollars.status()).as(inDollars.raw()).isEqualTo(422);
        assertThat(inDollars.body().path("region").asText()).isEqualTo("eu");
        assertNothingWritten("b2b-portal:" + usRef);
        assertNothingWritten("eu-portal:" + euRef);
    }

    @Autowired
    dev.ordergate.sandbox.SimulatedPricingEngine pricingEngine;

    @Test
    void aPriceListSyncForTheEuWorksInTheEuCompanyWithTheEuCurrencysRowsOnly() throws Exception {
        var eu = new java.util.ArrayList<>(List.of(
                new dev.ordergate.sandbox.SimulatedPricingEngine.Agreement("EU Distributor", "EUR", null, "FURN_0269",
                        java.math.BigDecimal.ONE, new java.math.BigDecimal("279.00"), null, null),
                new dev.ordergate.sandbox.SimulatedPricingEngine.Agreement("EU Distributor", "EUR", null, "E-COM07",
                        java.math.BigDecimal.ONE, new java.math.BigDecimal("259.00"), null, null),
                new dev.ordergate.sandbox.SimulatedPricingEngine.Agreement("Distributor Tier A", "USD", null, "FURN_0269",
                        java.math.BigDecimal.ONE, new java.math.BigDecimal("299.00"), null, null)));
        pricingEngine.publish(eu);
        try {
            assertThat(api.post("/api/v1/sync/price-lists?region=nowhere", "").status()).isEqualTo(400);
            var started = api.post("/api/v1/sync/price-lists?region=eu", "");
            assertThat(started.status()).as(started.raw()).isEqualTo(202);
            String run = started.body().path("id").asText();

            JsonNode report = Awaitility.await().atMost(Duration.ofSeconds(90)).until(
                    () -> api.get("/api/v1/sync/runs/" + run).body(), r -> r.path("status").asText().equals("COMPLETED"));

            assertThat(report.path("region").asText()).isEqualTo("eu");
            JsonNode counts = report.path("counts");
            // The EU company's own EU Distributor list already has both prices; the USD row is not the EU's.
            assertThat(counts.path("read").asInt()).as(counts.toString()).isEqualTo(2);
            assertThat(counts.path("unchanged").asInt()).as(counts.toString()).isEqualTo(2);
            assertThat(counts.path("created").asInt() + counts.path("updated").asInt() + counts.path("expired").asInt())
                    .as(counts.toString()).isZero();
            // Run in another company it would not have seen the EU list and made a second one.
            assertThat(pricelistsNamed("EU Distributor", List.of(1, 2))).isEqualTo(1);
            assertThat(pricelistsNamed("EU Distributor", List.of(1))).isZero();
        } finally {
            pricingEngine.reset();
        }
    }

    private int pricelistsNamed(String name, List<Integer> companies) {
        return api.odoo("product.pricelist", "search_count", List.of(List.of(List.of("name", "=", name))),
                Map.of("context", Map.of("allowed_company_ids", companies))).asInt(-1);
    }

    private void assertNothingWritten(String businessKey) {
        assertThat(orders.findByBusinessKey(businessKey)).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
        assertThat(odoo.salesOrdersByClientRef(businessKey)).isEmpty();
    }

    /** As a local user whose password is its name (the demo reviewers). */
    private static ApiClient.Response send(String method, String path, String body, String user) {
        return ApiClient.at(ApiClient.baseUrl()).as(user, user).send(method, path, body);
    }

    private String regionOf(String orderId) {
        return (String) history.createHistoricVariableInstanceQuery().processInstanceId(api.processInstanceId(orderId))
                .variableName(Regions.VARIABLE).singleResult().getValue();
    }

    private double shadowCount() {
        var counter = meters.find("ordergate.orders.shadow").tag("region", "ca").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String order(String ref, String customer, String country, String postalCode, String currency,
                                String lines) {
        return """
                {
                  "channel": "b2b-portal",
                  "channelOrderRef": "%s",
                  "customerRef": "%s",
                  "shipTo": { "name": "Lager Mitte", "street": "Alexanderplatz 1", "city": "Berlin", "postalCode": "%s", "country": "%s" },
                  "requestedDate": "2026-12-03",
                  "currency": "%s",
                  "paymentTerms": "30 Days",
                  "lines": [ %s ],
                  "allowSubstitutes": true,
                  "allowPartialShipment": false
                }
                """.formatted(ref, customer, postalCode, country, currency, lines);
    }
}
