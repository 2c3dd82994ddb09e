package dev.ordergate.reporting;

import dev.ordergate.OrderTasks;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import dev.ordergate.sandbox.SimulatedWmsStock;
import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The revenue reconciliation over real HTTP against the sandbox Odoo: a completed order matches, one whose Odoo
 * amount was changed behind our back differs, one Odoo never got is missing; as JSON and as CSV.
 */
@IntegrationTest
class ReconciliationReportTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ApiClient api = new ApiClient();
    private final String today = LocalDate.now(ZoneOffset.UTC).toString();

    @Autowired
    JdbcClient jdbc;
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

    /** The sandbox's seeded stock of the lamp the backorder flow runs short of. */
    private static final double LAMPS_ON_HAND = 3;

    @AfterEach
    void restoreLamps() {
        odoo.adjustStock("FURN_8888", LAMPS_ON_HAND - odoo.onHand("FURN_8888"));
        wmsStock.set("FURN_8888", "WH", BigDecimal.valueOf(LAMPS_ON_HAND), BigDecimal.ZERO);
    }

    @Test
    void theReadmesFlowsAllEndMatchedWithReturnsAndCancelledBackordersCountedAsOdooCountsThem() {
        String plain = completedOrder();
        String returned = completedOrder();
        String returnedId = orderId(returned);
        var requested = api.post("/api/v1/orders/" + returnedId + "/returns", """
                {"returnRef": "RET-1", "reason": "Wrong colour", "lines": [{"sku": "FURN_0269", "quantity": 2}]}
                """);
        assertThat(requested.status()).as(requested.raw()).isEqualTo(201);
        Task inspection = await().atMost(PATIENCE).until(() -> tasks.createTaskQuery()
                .processInstanceId(requested.body().path("processInstanceId").asText())
                .taskDefinitionKey("inspectReturn").singleResult(), t -> t != null);
        tasks.complete(inspection.getId(), Map.of("goodsCondition", "opened", "disposition", "restock"));
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/returns/" + requested.body().path("id").asText()).body(),
                r -> "CREDITED".equals(r.path("status").asText()));
        String backordered = uniqueRef();
        String backorderedId = api.submitOrder(order(backordered, "C-10042", "US", "93701",
                dev.ordergate.SampleOrders.line("1", "FURN_8888", "5", "36.00")));
        Task shortfall = await().atMost(PATIENCE).until(() -> OrderTasks.review(OrderTasks.of(tasks, runtime,
                api.processInstanceId(backorderedId)), "reviewShortfall")
                .singleResult(), t -> t != null);
        tasks.complete(shortfall.getId(), Map.of("decision", "ship-available"));
        api.awaitOrderStatus(backorderedId, "BACKORDERED");
        var cancelled = api.post("/api/v1/orders/" + backorderedId + "/cancellation", "{\"reason\": \"No longer needed\"}");
        assertThat(cancelled.body().path("status").asText()).as(cancelled.raw()).isEqualTo("CANCELLING_BACKORDER");
        api.awaitOrderStatus(backorderedId, "COMPLETED");

        var answer = api.get("/api/v1/reports/reconciliation?from=" + today + "&to=" + today);

        JsonNode plainLine = line(answer.body(), plain);
        assertThat(plainLine.path("result").asText()).as(plainLine.toString()).isEqualTo("MATCHED");
        JsonNode returnedLine = line(answer.body(), returned);
        assertThat(returnedLine.path("result").asText()).as(returnedLine.toString()).isEqualTo("MATCHED");
        assertThat(returnedLine.path("creditedAmount").decimalValue()).isEqualByComparingTo("598.00");
        assertThat(returnedLine.path("invoicedUntaxed").decimalValue()).as("the invoice less the credit note")
                .isEqualByComparingTo("4390.00");
        JsonNode backorderLine = line(answer.body(), backordered);
        assertThat(backorderLine.path("result").asText()).as(backorderLine.toString()).isEqualTo("MATCHED");
        assertThat(backorderLine.path("cancelledAmount").decimalValue()).as("two lamps never shipped")
                .isEqualByComparingTo("72.00");
        assertThat(backorderLine.path("invoicedUntaxed").decimalValue()).isEqualByComparingTo("108.00");
        for (JsonNode total : answer.body().path("totals")) {
            assertThat(total.path("amount").decimalValue().subtract(total.path("odooAmountUntaxed").decimalValue()))
                    .as("the totals' difference is their amounts' difference: " + total)
                    .isEqualByComparingTo(total.path("difference").decimalValue());
        }
    }

    @Test
    void everyAmountIsWrittenWithTheCurrencysTwoDecimals() throws Exception {
        String ref = completedOrder();

        var json = api.get("/api/v1/reports/reconciliation?from=" + today + "&to=" + today);
        var csv = api.get("/api/v1/reports/reconciliation?from=" + today + "&to=" + today + "&format=csv");

        String raw = json.raw().substring(json.raw().indexOf("\"channelOrderRef\":\"" + ref + "\""));
        raw = raw.substring(0, raw.indexOf('}'));
        for (String field : List.of("amount", "odooAmountUntaxed", "odooAmountTotal", "expectedInvoiced",
                "invoicedUntaxed", "invoicedTotal", "difference", "cancelledAmount", "creditedAmount")) {
            assertThat(raw).as(field).containsPattern("\"" + field + "\":-?[0-9]+\\.[0-9]{2}[,}]");
        }
        String row = Arrays.stream(csv.raw().split("\r\n")).filter(r -> r.contains("b2b-portal:" + ref)).findFirst()
                .orElseThrow();
        assertThat(row).contains(",4988.00,").doesNotContain(",4988.0,").doesNotContain(",4988,");
    }

    @Test
    void theReportMatchesACompletedOrderAndListsTheDifferencesOfTheOthers() throws Exception {
        String matched = completedOrder();
        String changed = completedOrder();
        int salesOrderLine = odooOrderLine("b2b-portal:" + changed);
        odoo("sale.order.line", "write", "[[%d], {\"price_unit\": 250.0}]".formatted(salesOrderLine));
        String ghost = committedOrderOdooNeverGot();
        int searchesBefore = faults.callCount("sale.order", "search_read");

        var answer = api.get("/api/v1/reports/reconciliation?from=" + today + "&to=" + today);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode ok = line(answer.body(), matched);
        assertThat(ok.path("result").asText()).isEqualTo("MATCHED");
        assertThat(ok.path("amount").decimalValue()).isEqualByComparingTo("4988.00");
        assertThat(ok.path("odooAmountUntaxed").decimalValue()).isEqualByComparingTo("4988.00");
        assertThat(ok.path("odooOrderRef").asText()).isEqualTo(ok.path("salesOrderRef").asText());
        assertThat(ok.path("odooInvoiceRefs").get(0).asText()).isEqualTo(ok.path("invoiceRef").asText());
        assertThat(ok.path("invoicedUntaxed").decimalValue()).isEqualByComparingTo("4988.00");
        JsonNode differs = line(answer.body(), changed);
        assertThat(differs.path("result").asText()).isEqualTo("MISMATCH");
        assertThat(texts(differs.path("issues"))).contains("AMOUNT_DIFFERS");
        assertThat(differs.path("difference").decimalValue()).isEqualByComparingTo("588.00");
        JsonNode missing = line(answer.body(), ghost);
        assertThat(texts(missing.path("issues"))).containsExactly("MISSING_IN_ODOO");
        assertThat(answer.body().path("totals").findValuesAsText("channel")).contains("b2b-portal");
        assertThat(answer.body().path("withIssues").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(faults.callCount("sale.order", "search_read") - searchesBefore)
                .as("Odoo is read in batches of keys, not once per order")
                .isLessThanOrEqualTo(1 + answer.body().path("orders").asInt() / 200);
    }

    @Test
    void theSameReportAsCsvHasAHeaderRowAndARowPerOrder() throws Exception {
        String ghost = committedOrderOdooNeverGot();

        HttpResponse<String> byAccept = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        ApiClient.baseUrl() + "/api/v1/reports/reconciliation?from=" + today + "&to=" + today))
                .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
        var byParameter = api.get("/api/v1/reports/reconciliation?from=" + today + "&to=" + today + "&format=csv");

        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> rows = Arrays.asList(byAccept.body().split("\r\n"));
        assertThat(rows.get(0)).startsWith("channel,channel_order_ref,business_key,order_id,");
        assertThat(rows.get(0).split(",")).contains("amount", "odoo_amount_untaxed", "difference", "issues");
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("b2b-portal:" + ghost).endsWith(",MISMATCH,MISSING_IN_ODOO"));
        assertThat(byParameter.status()).isEqualTo(200);
        assertThat(byParameter.contentType()).startsWith("text/csv");
        assertThat(byParameter.raw()).contains("b2b-portal:" + ghost);
    }

    @Test
    void aBadPeriodIsAProblemNamingTheParameter() throws Exception {
        assertProblem(api.get("/api/v1/reports/reconciliation?to=" + today), "from");
        assertProblem(api.get("/api/v1/reports/reconciliation?from=yesterday&to=" + today), "from");
        assertProblem(api.get("/api/v1/reports/reconciliation?from=2026-11-27&to=2026-11-01"), "to");
        assertProblem(api.get("/api/v1/reports/reconciliation?from=2020-01-01&to=2026-11-01"), "to");
        assertProblem(api.get("/api/v1/reports/reconciliation?from=" + today + "&to=" + today + "&format=xml"), "format");
        HttpResponse<String> csvWanted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        ApiClient.baseUrl() + "/api/v1/reports/reconciliation?from=nonsense&to=" + today))
                .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csvWanted.statusCode()).isEqualTo(400);
        assertThat(csvWanted.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private static void assertProblem(ApiClient.Response answer, String field) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("errors").findValuesAsText("field")).containsExactly(field);
    }

    private String orderId(String ref) {
        return jdbc.sql("SELECT id FROM app.orders WHERE business_key = :key").param("key", "b2b-portal:" + ref)
                .query(String.class).single();
    }

    private String completedOrder() {
        String ref = uniqueRef();
        var submitted = api.post("/api/v1/orders", sample(ref));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        String id = submitted.body().path("id").asText();
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body(),
                o -> "COMPLETED".equals(o.path("status").asText()));
        return ref;
    }

    /** An order our books say is committed (with a sales order ref) that Odoo has never seen. */
    private String committedOrderOdooNeverGot() {
        String ref = uniqueRef();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO app.orders (id, business_key, channel, channel_order_ref, customer_ref, request_hash, document,
                                        status, sales_order_ref, created_at, updated_at)
                VALUES (:id, :key, 'b2b-portal', :ref, 'C-10042', 'seeded', :document, 'COMMITTED', 'S-GHOST', :now, :now)
                """)
                .param("id", UUID.randomUUID().toString()).param("key", "b2b-portal:" + ref).param("ref", ref)
                .param("document", sample(ref)).param("now", now).update();
        return ref;
    }

    private int odooOrderLine(String businessKey) throws Exception {
        JsonNode found = odoo("sale.order", "search_read",
                "[[[\"client_order_ref\", \"=\", \"%s\"]]], {\"fields\": [\"order_line\"]}".formatted(businessKey));
        return found.get(0).path("order_line").get(0).intValue();
    }

    /** A JSON-RPC call to the sandbox Odoo over HTTP, as any Odoo user could make behind our back. */
    private JsonNode odoo(String model, String method, String argsAndKwargs) throws Exception {
        var answer = api.post("/sandbox/odoo/jsonrpc", """
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"service": "object", "method": "execute_kw",
                 "args": ["sandbox", 2, "sandbox-admin-key", "%s", "%s", %s]}}
                """.formatted(model, method, argsAndKwargs));
        assertThat(answer.body().has("error")).as(answer.raw()).isFalse();
        return answer.body().path("result");
    }

    private static JsonNode line(JsonNode report, String ref) {
        for (JsonNode l : report.path("lines")) {
            if (l.path("channelOrderRef").asText().equals(ref)) {
                return l;
            }
        }
        throw new AssertionError("no line for " + ref);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
