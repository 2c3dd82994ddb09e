package dev.ordergate.intake;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class OrderIntakeApiTest {

    private final ApiClient api = new ApiClient();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuntimeService runtime;

    @Test
    void aNewOrderIsStoredAndItsProcessStartedUnderItsBusinessKey() {
        String ref = uniqueRef();
        var created = api.post("/api/v1/orders", sample(ref));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("businessKey").asText()).isEqualTo("b2b-portal:" + ref);
        assertThat(created.body().path("milestones").get(0).path("milestone").asText()).isEqualTo("RECEIVED");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("order-fulfillment")
                .processInstanceBusinessKey("b2b-portal:" + ref).count())
                .isEqualTo(1);

        var read = api.get("/api/v1/orders/" + created.body().path("id").asText());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("order").path("lines")).hasSize(2);
    }

    @Test
    void theSameOrderAgainAnswersTheFirstOneAndStartsNothing() {
        String ref = uniqueRef();
        var first = api.post("/api/v1/orders", sample(ref));
        // Same content, other spelling: property order and trailing zeros do not make it another order.
        var again = api.post("/api/v1/orders", sample(ref).replace("299.00", "299.0").replace("\"currency\": \"USD\",", "")
                .replace("\"paymentTerms\"", "\"currency\": \"USD\", \"paymentTerms\""));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("order-fulfillment")
                .processInstanceBusinessKey("b2b-portal:" + ref).count())
                .isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesMakeOneOrderAndOneProcess() throws Exception {
        String ref = uniqueRef();
        String body = sample(ref);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApiClient.Response>> calls = IntStream.range(0, 16)
                    .mapToObj(i -> (Callable<ApiClient.Response>) () -> api.post("/api/v1/orders", body)).toList();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            assertThat(responses).extracting(ApiClient.Response::status).containsOnly(200, 201);
            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses.stream().map(r -> r.body().path("id").asText()).collect(Collectors.toSet())).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ordersWithKey("b2b-portal:" + ref)).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("order-fulfillment")
                .processInstanceBusinessKey("b2b-portal:" + ref).count())
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithOtherContentIsAConflict() {
        String ref = uniqueRef();
        api.post("/api/v1/orders", sample(ref));
        var conflict = api.post("/api/v1/orders", sample(ref).replace("\"quantity\": 12", "\"quantity\": 13"));

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.body().path("businessKey").asText()).isEqualTo("b2b-portal:" + ref);
    }

    @Test
    void malformedJsonIsRejectedAndNothingIsWritten() {
        assertRejected("{\"channel\": \"b2b-portal\", ", 400, null);
    }

    @Test
    void anUnknownFieldIsNamed() {
        String ref = uniqueRef();
        assertRejected(sample(ref).replace("\"currency\"", "\"discountCode\": \"X\", \"currency\""), 400, "discountCode");
        assertRejected(sample(ref).replace("\"uom\": \"Units\",", "\"uom\": \"Units\", \"colour\": \"red\","), 400,
                "lines[0].colour");
    }

    @Test
    void missingFieldsAreEachNamed() {
        var response = assertRejected("{\"channel\": \"b2b-portal\", \"lines\": []}", 422, "channelOrderRef");
        assertThat(fields(response)).contains("customerRef", "shipTo", "currency", "lines");
    }

    @Test
    void aNonPositiveQuantityIsRejected() {
        String ref = uniqueRef();
        assertRejected(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "0", "299.00")), 422,
                "lines[0].quantity");
        assertRejected(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "-3", "299.00")), 422,
                "lines[0].quantity");
    }

    @Test
    void aNegativePriceIsRejected() {
        assertRejected(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "1", "-0.01")), 422,
                "lines[0].unitPrice");
    }

    @Test
    void anUnknownCurrencyIsRejected() {
        assertRejected(sample(uniqueRef()).replace("\"USD\"", "\"XYZ\""), 422, "currency");
        assertRejected(sample(uniqueRef()).replace("\"USD\"", "\"usd\""), 422, "currency");
    }

    @Test
    void aWrongTypeIsNamed() {
        assertRejected(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "\"twelve\"", "299.00")),
                400, "lines[0].quantity");
    }

    @Test
    void repeatedLineReferencesAreRejected() {
        assertRejected(order(uniqueRef(), "C-10042", "US", "93701",
                line("1", "FURN_0269", "1", "299.00") + "," + line("1", "E-COM07", "1", "280.00")), 422, "lines");
    }

    @Test
    void moreLinesThanAllowedAreRejected() {
        String lines = IntStream.rangeClosed(1, 51).mapToObj(i -> line(String.valueOf(i), "E-COM08", "1", "15.80"))
                .collect(Collectors.joining(","));
        assertRejected(order(uniqueRef(), "C-10042", "US", "93701", lines), 422, "lines");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String padding = "x".repeat(70_000);
        var response = assertRejected(sample(uniqueRef()).replace("\"30 Days\"", "\"" + padding + "\""), 413, null);
        assertThat(response.body().path("detail").asText()).contains("65536");
    }

    @Test
    void anUnknownOrderIs404() {
        var response = api.get("/api/v1/orders/does-not-exist");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void ordersAreListedByStatusAndAnUnknownStatusIsNamed() {
        api.post("/api/v1/orders", sample(uniqueRef()));
        var page = api.get("/api/v1/orders?size=5");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("total").asLong()).isPositive();
        assertThat(page.body().path("items").size()).isBetween(1, 5);

        var bad = api.get("/api/v1/orders?status=LOST");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asText()).isEqualTo("status");
    }

    private ApiClient.Response assertRejected(String body, int status, String field) {
        long before = jdbc.sql("SELECT COUNT(*) FROM app.orders").query(Long.class).single();
        // Orders: top-level instances (orders in flight call their own diagrams meanwhile).
        long processesBefore = runtime.createProcessInstanceQuery().rootProcessInstances().count();
        var response = api.post("/api/v1/orders", body);

        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(fields(response)).contains(field);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.orders").query(Long.class).single()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().rootProcessInstances().count()).isLessThanOrEqualTo(processesBefore);
        return response;
    }

    private static List<String> fields(ApiClient.Response response) {
        List<String> fields = new ArrayList<>();
        response.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private long ordersWithKey(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM app.orders WHERE business_key = :k").param("k", key)
                .query(Long.class).single();
    }
}
