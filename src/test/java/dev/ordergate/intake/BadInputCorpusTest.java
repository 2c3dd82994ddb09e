package dev.ordergate.intake;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a careless or hostile channel can send: each answered 4xx with a problem+json that says what is wrong, nothing
 * stored, nothing started, and the node still takes good orders afterwards. The test profile limits bodies to 64 KiB
 * and orders to 50 lines.
 */
@IntegrationTest
class BadInputCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD_LINE = line("1", "FURN_0269", "12", "299.00");

    private final ApiClient api = new ApiClient();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HistoryService history;

    private long ordersBefore;
    private long instancesBefore;

    @BeforeEach
    void countWhatIsStored() {
        ordersBefore = orders();
        instancesBefore = history.createHistoricProcessInstanceQuery().rootProcessInstances().count();
    }

    @AfterEach
    void nothingWasStoredAndTheNodeIsHealthy() {
        assertThat(orders()).as("orders stored").isEqualTo(ordersBefore);
        assertThat(history.createHistoricProcessInstanceQuery().rootProcessInstances().count()).as("processes started").isEqualTo(instancesBefore);
        assertThat(api.get("/actuator/health").body().path("status").asText()).isEqualTo("UP");
    }

    static Stream<Arguments> corpus() {
        String ref = "PO-BAD-INPUT";
        return Stream.of(
                Arguments.of("malformed: truncated object", "{\"channel\": \"b2b-portal\",", 400),
                Arguments.of("malformed: not JSON at all", "channel=b2b-portal&ref=1", 400),
                Arguments.of("malformed: empty body", "", 400),
                Arguments.of("malformed: a JSON array", "[" + sample(ref) + "]", 400),
                Arguments.of("malformed: JSON null", "null", 400),
                Arguments.of("malformed: trailing garbage", sample(ref) + "}}}", 400),
                Arguments.of("malformed: single quotes", sample(ref).replace('"', '\''), 400),
                Arguments.of("malformed: lone surrogate bytes", "{\"channel\": \"\\ud800\" ", 400),
                Arguments.of("wrong type: quantity as words", order(ref, "C-10042", "US", "93701",
                        line("1", "FURN_0269", "\"twelve\"", "299.00")), 400),
                Arguments.of("wrong type: lines as an object", sample(ref).replaceFirst("\"lines\": \\[", "\"lines\": {\"x\":")
                        .replaceFirst("\\],\\s*\"allowSubstitutes\"", "}, \"allowSubstitutes\""), 400),
                Arguments.of("wrong type: allowSubstitutes as text", sample(ref).replace("\"allowSubstitutes\": true",
                        "\"allowSubstitutes\": \"maybe\""), 400),
                Arguments.of("wrong type: requestedDate that is no date", sample(ref).replace("2026-12-03", "next tuesday"), 400),
                Arguments.of("wrong type: channel as a number", sample(ref).replace("\"b2b-portal\"", "12345"), 400),
                Arguments.of("wrong type: customerRef as a number", sample(ref).replace("\"C-10042\"", "12345"), 400),
                Arguments.of("wrong type: paymentTerms as a number", sample(ref).replace("\"30 Days\"", "12345"), 400),
                Arguments.of("wrong type: requestedDate as a number", sample(ref).replace("\"2026-12-03\"", "20261203"),
                        400),
                Arguments.of("wrong type: requestedDate as an array", sample(ref).replace("\"2026-12-03\"",
                        "[2026, 12, 3]"), 400),
                Arguments.of("wrong type: country as a boolean", order(ref, "C-10042", "true", "93701", GOOD_LINE)
                        .replace("\"true\"", "true"), 400),
                Arguments.of("wrong type: quantity as a numeric string", order(ref, "C-10042", "US", "93701",
                        line("1", "FURN_0269", "\"12\"", "299.00")), 400),
                Arguments.of("wrong type: unitPrice as a numeric string", order(ref, "C-10042", "US", "93701",
                        line("1", "FURN_0269", "12", "\"299.00\"")), 400),
                Arguments.of("wrong type: allowSubstitutes as 1", sample(ref).replace("\"allowSubstitutes\": true",
                        "\"allowSubstitutes\": 1"), 400),
                Arguments.of("wrong type: allowPartialShipment as \"true\"", sample(ref).replace(
                        "\"allowPartialShipment\": false", "\"allowPartialShipment\": \"true\""), 400),
                Arguments.of("wrong type: lineRef as a number", order(ref, "C-10042", "US", "93701",
                        line("1", "FURN_0269", "12", "299.00").replace("\"lineRef\": \"1\"", "\"lineRef\": 1")), 400),
                Arguments.of("wrong type: shipTo as a string", sample(ref).replaceFirst("\"shipTo\": \\{[^}]*\\}",
                        "\"shipTo\": \"Fresno\""), 400),
                Arguments.of("huge number: quantity 1e400", order(ref, "C-10042", "US", "93701",
                        line("1", "FURN_0269", "1e400", "299.00")), 422),
                Arguments.of("huge number: 40-digit price", order(ref, "C-10042", "US", "93701",
                        line("1", "FURN_0269", "1", "1234567890123456789012345678901234567890")), 422),
                Arguments.of("huge number: 5,000-digit quantity", order(ref, "C-10042", "US", "93701",
                        line("1", "FURN_0269", "9".repeat(5000), "299.00")), 400),
                Arguments.of("huge number: exponent 1e999999999", order(ref, "C-10042", "US", "93701",
                        line("1", "FURN_0269", "1e999999999", "299.00")), 422),
                Arguments.of("huge number: negative quantity", order(ref, "C-10042", "US", "93701",
                        line("1", "FURN_0269", "-5", "299.00")), 422),
                Arguments.of("long string: 10,000-character order ref", sample("R".repeat(10_000)), 422),
                Arguments.of("long string: 60,000-character customer", order(ref, "C".repeat(60_000), "US", "93701",
                        GOOD_LINE), 422),
                Arguments.of("unicode: full-width currency", sample(ref).replace("\"USD\"", "\"ＵＳＤ\""), 422),
                Arguments.of("unicode: country with an umlaut", order(ref, "C-10042", "ÜS", "93701", GOOD_LINE), 422),
                Arguments.of("unicode: emoji channel", sample(ref).replace("\"b2b-portal\"", "\"\uD83D\uDED2-portal\""), 422),
                Arguments.of("unicode: NUL in the channel", sample(ref).replace("\"b2b-portal\"", "\"b2b\\u0000\""), 422),
                Arguments.of("injection: SQL in the channel", sample(ref).replace("\"b2b-portal\"",
                        "\"b2b'; DROP TABLE app.orders; --\""), 422),
                Arguments.of("injection: script in the currency", sample(ref).replace("\"USD\"",
                        "\"<script>alert(1)</script>\""), 422),
                Arguments.of("injection: prototype pollution field", sample(ref).replaceFirst("\\{",
                        "{\"__proto__\": {\"admin\": true},"), 400),
                Arguments.of("injection: SpEL in the country", order(ref, "C-10042", "${T(java.lang.Runtime)}", "93701",
                        GOOD_LINE), 422),
                Arguments.of("thousands of lines: 51 lines", order(ref, "C-10042", "US", "93701", lines(51)), 422),
                Arguments.of("thousands of lines: 5,000 lines", order(ref, "C-10042", "US", "93701", lines(5000)), 413),
                Arguments.of("thousands of lines: a 20,000-line body of whitespace", "\n".repeat(20_000) + "{", 400),
                Arguments.of("10 MB body", order(ref, "C-10042", "US", "93701", GOOD_LINE)
                        .replace("Acme Warehouse 3", "A".repeat(10 * 1024 * 1024)), 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aBadOrderIsRefusedWithAProblemThatSaysWhy(String what, String body, int status) throws Exception {
        HttpResponse<String> response = http.send(post().POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode problem = assertProblem(response, status);
        if (what.startsWith("wrong type: ")) {
            String field = what.substring("wrong type: ".length()).split(" ")[0];
            assertThat(problem.path("errors").path(0).path("field").asText()).as(response.body()).endsWith(field);
        }
    }

    @Test
    void aTenMegabyteUploadWithoutContentLengthIsCutOffWith413() throws Exception {
        byte[] body = order("PO-BAD-CHUNKED", "C-10042", "US", "93701", GOOD_LINE)
                .replace("Acme Warehouse 3", "A".repeat(10 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no length, so the client sends it chunked and only counting can stop it.
        HttpResponse<String> response = http.send(post().POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 413);
    }

    @Test
    void theNodeTakesAGoodOrderAfterTheCorpus() {
        var accepted = api.post("/api/v1/orders", sample(uniqueRef()));

        assertThat(accepted.status()).isEqualTo(201);
        ordersBefore++;
        instancesBefore++;
    }

    private HttpRequest.Builder post() {
        return HttpRequest.newBuilder(URI.create(ApiClient.baseUrl() + "/api/v1/orders"))
                .header("Content-Type", "application/json");
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).startsWith("urn:ordergate:problem:");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        // The answer names the problem without echoing megabytes of the request back.
        assertThat(response.body().length()).isLessThan(4096);
        return problem;
    }

    private static String lines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> line(String.valueOf(i), "E-COM08", "1", "14.22"))
                .collect(Collectors.joining(","));
    }

    private long orders() {
        return jdbc.sql("SELECT COUNT(*) FROM app.orders").query(Long.class).single();
    }
}
