package dev.ordergate.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The node serves its OpenAPI document, and the checked-in docs/openapi.yaml is exactly that document. */
@IntegrationTest
class ApiContractTest {

    private static final Path CHECKED_IN = Path.of("docs/openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCheckedInContractIsWhatTheNodeServes() throws Exception {
        String served = fetch("/v3/api-docs.yaml");

        if (!Files.exists(CHECKED_IN) || !Files.readString(CHECKED_IN).equals(served)) {
            Path actual = Path.of("target/openapi.yaml");
            Files.writeString(actual, served);
            assertThat(Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN) : "")
                    .as("docs/openapi.yaml differs from /v3/api-docs.yaml; review and copy " + actual)
                    .isEqualTo(served);
        }
    }

    @Test
    void theOrderSchemaStatesItsRequiredFieldsFormatsAndLimits() throws Exception {
        JsonNode order = contract().path("components").path("schemas").path("Order");

        assertThat(names(order.path("required"))).contains("channel", "channelOrderRef", "customerRef", "shipTo",
                "currency", "lines");
        assertThat(order.path("properties").path("requestedDate").path("format").asText()).isEqualTo("date");
        assertThat(order.path("properties").path("channelOrderRef").path("maxLength").asInt()).isEqualTo(128);
        JsonNode line = contract().path("components").path("schemas").path("OrderLine");
        assertThat(line.path("properties").path("quantity").path("type").asText()).isEqualTo("number");
        assertThat(names(line.path("required"))).contains("lineRef", "sku", "quantity", "uom", "unitPrice");
    }

    @Test
    void theOrderIntakeShowsTheReadmeOrderAsItsExample() throws Exception {
        JsonNode example = contract().path("paths").path("/api/v1/orders").path("post").path("requestBody")
                .path("content").path("application/json").path("examples").path("readme").path("value");

        assertThat(example.path("channelOrderRef").asText()).isEqualTo("PO-2026-000123");
        assertThat(example.path("lines")).hasSize(2);
    }

    @Test
    void everyProblemTypeTheCodeAnswersWithIsListed() throws Exception {
        Set<String> inCode = new TreeSet<>();
        Pattern problem = Pattern.compile("problem\\(\\s*HttpStatus\\.[A-Z_]+,\\s*\"([a-z-]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/ordergate"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/sandbox/")).toList()) {
                Matcher m = problem.matcher(Files.readString(source));
                while (m.find()) {
                    inCode.add("urn:ordergate:problem:" + m.group(1));
                }
            }
        }
        JsonNode listed = contract().path("components").path("schemas").path("Problem").path("properties")
                .path("type").path("enum");

        assertThat(inCode).hasSizeGreaterThan(20);
        assertThat(names(listed)).containsAll(inCode);
    }

    @Test
    void everyOperationAnswersItsErrorsAsProblems() throws Exception {
        List<String> without = new ArrayList<>();
        contract().path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!op.getValue().path("responses").path("400").path("content").has("application/problem+json")) {
                without.add(op.getKey() + " " + path.getKey());
            }
        }));

        assertThat(without).isEmpty();
    }

    private JsonNode contract() throws Exception {
        return YAML.readTree(fetch("/v3/api-docs.yaml"));
    }

    private String fetch(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ApiClient.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
