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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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

    private final HttpClient http = HttpClient.newHttpClient();

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
        HttpResponse<String> usList = send("GET", "/api/v1/reviews?group=pricing-stewards", null, "pricing");
        assertThat(usList.statusCode()).isEqualTo(200);
        assertThat(usList.body()).doesNotContain(key);
        assertThat(send("GET", "/api/v1/reviews?group=eu-pricing-stewards", null, "pricing").statusCode()).isEqualTo(403);
        HttpResponse<String> usDecision = send("POST", "/api/v1/reviews/" + review.getId() + "/decision",
                "{\"decision\": \"accept-submitted\", \"decisionComment\": \"not mine to decide\"}", "pricing");
        assertThat(usDecision.statusCode()).as(usDecision.body()).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).as("still open").isEqualTo(1);

        // The EU pricing steward sees it and decides it.
        assertThat(send("GET", "/api/v1/reviews?group=eu-pricing-stewards", null, "eu-pricing").body()).contains(key);
        HttpResponse<String> euDecision = send("POST", "/api/v1/reviews/" + review.getId() + "/decision",
                "{\"decision\": \"accept-submitted\", \"decisionComment\": \"EU promotion\"}", "eu-pricing");
        assertThat(euDecision.statusCode()).as(euDecision.body()).isEqualTo(200);
        api.awaitOrderStatus(id, "COMPLETED");
    }

    private HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(ApiClient.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + credentials)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
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
