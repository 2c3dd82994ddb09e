package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One JSON-RPC exchange with Odoo: a transcript recorded against real Odoo 18 ({@link #recorded(int)}), or
 * one we write in the same shape where no transcript exists ({@link #executeKw}). Its stub answers only a
 * request whose body equals the recorded one except for {@code id}; every deviation from a recording is a
 * named method call in the test ({@link #replacing}, {@link #withFields}, {@link #withKwargs}).
 */
record OdooExchange(String name, ObjectNode request, JsonNode response, int status, String contentType) {

    /** Tests run with the project root as working directory; the transcripts sit next to the project. */
    static final Path TRANSCRIPTS = Path.of("src", "test", "resources", "odoo-contract", "18.0");
    static final ObjectMapper JSON = new ObjectMapper();

    static void assumeTranscripts() {
        assertTrue(Files.isDirectory(TRANSCRIPTS),
                "Odoo 18 transcripts not found at " + TRANSCRIPTS.toAbsolutePath().normalize() + "");
    }

    static Path file(int number) {
        return file(TRANSCRIPTS, number);
    }

    static Path file(Path folder, int number) {
        assertTrue(Files.isDirectory(folder), "Odoo transcripts not found at " + folder.toAbsolutePath().normalize());
        String prefix = String.format("%02d-", number);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no transcript " + prefix + "*.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OdooExchange recorded(int number) {
        return recorded(TRANSCRIPTS, number);
    }

    /** A legacy JSON-RPC exchange recorded against Odoo 19 (19.0 transcripts 116-123). */
    static OdooExchange recorded19(int number) {
        return recorded(Json2Exchange.TRANSCRIPTS, number);
    }

    private static OdooExchange recorded(Path folder, int number) {
        Path file = file(folder, number);
        try {
            JsonNode transcript = JSON.readTree(file.toFile());
            JsonNode body = transcript.path("request").path("body");
            return new OdooExchange(file.getFileName().toString(),
                    body.isObject() ? (ObjectNode) body : null, transcript.path("response"),
                    transcript.path("http_status").asInt(),
                    transcript.path("response_content_type").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An execute_kw exchange we write ourselves, as the test's user (odoo18lab / uid 2 / admin), answering {@code true}. */
    static OdooExchange executeKw(String model, String method, List<?> args, Map<String, ?> kwargs) {
        ArrayNode params = JSON.createArrayNode().add("odoo18lab").add(2).add("admin").add(model).add(method);
        params.add(JSON.valueToTree(args));
        if (kwargs != null) {
            params.add(JSON.valueToTree(kwargs));
        }
        ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "call");
        body.putObject("params").put("service", "object").put("method", "execute_kw").set("args", params);
        body.put("id", 1);
        return new OdooExchange(model + "." + method, body, null, 200, "application/json; charset=utf-8")
                .answering(true);
    }

    OdooExchange answering(Object result) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1);
        answer.set("result", JSON.valueToTree(result));
        return new OdooExchange(name, request, answer, 200, "application/json; charset=utf-8");
    }

    /** Text substitution in request and answer, e.g. the recording's order reference for our business key. */
    OdooExchange replacing(String recorded, String ours) {
        try {
            return new OdooExchange(name,
                    request == null ? null : (ObjectNode) JSON.readTree(request.toString().replace(recorded, ours)),
                    JSON.readTree(response.toString().replace(recorded, ours)), status, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recording read more fields than the adapter needs; the answer keeps them all (the client ignores extras). */
    OdooExchange withFields(String... fields) {
        ObjectNode copy = request.deepCopy();
        ObjectNode kwargs = (ObjectNode) args(copy).get(6);
        kwargs.set("fields", JSON.valueToTree(List.of(fields)));
        return new OdooExchange(name, copy, response, status, contentType);
    }

    OdooExchange withKwargs(Map<String, ?> kwargs) {
        ObjectNode copy = request.deepCopy();
        ArrayNode args = args(copy);
        if (args.size() > 6) {
            args.remove(6);
        }
        args.add(JSON.valueToTree(kwargs));
        return new OdooExchange(name, copy, response, status, contentType);
    }

    ArrayNode args() {
        return args(request);
    }

    private static ArrayNode args(ObjectNode body) {
        return (ArrayNode) body.path("params").path("args");
    }

    /** The recorded body with {@code id} as a placeholder: every other member and element must be equal. */
    String expectedBody() {
        ObjectNode body = request.deepCopy();
        body.put("id", "${json-unit.any-number}");
        return body.toString();
    }

    MappingBuilder stub() {
        return post(urlEqualTo("/jsonrpc")).withRequestBody(equalToJson(expectedBody(), false, false))
                .willReturn(answer());
    }

    ResponseDefinitionBuilder answer() {
        return aResponse().withStatus(status).withHeader("Content-Type", contentType)
                .withBody(response.isTextual() ? response.asText() : response.toString());
    }

    RequestPatternBuilder requested() {
        return postRequestedFor(urlEqualTo("/jsonrpc")).withRequestBody(equalToJson(expectedBody(), false, false));
    }

    JsonNode result() {
        return response.path("result");
    }
}
