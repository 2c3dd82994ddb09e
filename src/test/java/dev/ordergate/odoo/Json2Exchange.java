package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON-2 exchange with Odoo 19: recorded ({@link #recorded(int)}, 19.0 transcripts) or written by us in the
 * same shape ({@link #call}). Its stub answers only a POST to the same path with the same bearer key, database
 * header and a body equal to the recorded one; deviations are named calls in the test ({@link #withBody}).
 */
record Json2Exchange(String name, String path, String authorization, String database, JsonNode body,
                     JsonNode response, int status, String contentType, String wwwAuthenticate) {

    static final Path TRANSCRIPTS = Path.of("src", "test", "resources", "odoo-contract", "19.0");
    /** The admin's API key on the throwaway lab database the 19.0 transcripts were recorded on. */
    static final String ADMIN_KEY = "909441c05301be51ca34d8d5b438718ca4f9d6e2";
    static final String DATABASE = "odoo19lab";

    static JsonNode transcript(int number) {
        try {
            return OdooExchange.JSON.readTree(OdooExchange.file(TRANSCRIPTS, number).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Json2Exchange recorded(int number) {
        JsonNode transcript = transcript(number);
        JsonNode request = transcript.path("request");
        JsonNode headers = request.path("headers");
        return new Json2Exchange(OdooExchange.file(TRANSCRIPTS, number).getFileName().toString(),
                // Later recordings mask the lab's key ("bearer <api-key>"): the test's admin key stands in for it.
                request.path("path").asText(), maskedKey(headers.path("Authorization").asText(null)),
                headers.path("X-Odoo-Database").asText(null), request.path("body"), transcript.path("response"),
                transcript.path("http_status").asInt(), transcript.path("response_content_type").asText(),
                transcript.path("response_www_authenticate").asText(null));
    }

    private static String maskedKey(String authorization) {
        return authorization == null ? null : authorization.replace("<api-key>", ADMIN_KEY);
    }

    /** A call we write ourselves as the lab's admin, answering {@code result} with HTTP 200. */
    static Json2Exchange call(String model, String method, Map<String, ?> parameters, Object result) {
        return new Json2Exchange(model + "." + method, "/json/2/" + model + "/" + method, "bearer " + ADMIN_KEY,
                DATABASE, OdooExchange.JSON.valueToTree(parameters), OdooExchange.JSON.valueToTree(result), 200,
                "application/json; charset=utf-8", null);
    }

    String model() {
        return path.split("/")[3];
    }

    String method() {
        return path.split("/")[4];
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> parameters() {
        return OdooExchange.JSON.convertValue(body, Map.class);
    }

    Json2Exchange withBody(Consumer<ObjectNode> change) {
        ObjectNode copy = body.deepCopy();
        change.accept(copy);
        return new Json2Exchange(name, path, authorization, database, copy, response, status, contentType,
                wwwAuthenticate);
    }

    Json2Exchange withFields(String... fields) {
        return withBody(b -> b.set("fields", OdooExchange.JSON.valueToTree(List.of(fields))));
    }

    Json2Exchange answering(Object result) {
        return new Json2Exchange(name, path, authorization, database, body, OdooExchange.JSON.valueToTree(result), 200,
                contentType, null);
    }

    Json2Exchange replacing(String recorded, String ours) {
        try {
            return new Json2Exchange(name, path, authorization, database,
                    OdooExchange.JSON.readTree(body.toString().replace(recorded, ours)),
                    OdooExchange.JSON.readTree(response.toString().replace(recorded, ours)), status, contentType,
                    wwwAuthenticate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MappingBuilder stub() {
        return post(urlEqualTo(path)).withHeader("Authorization", equalTo(authorization))
                .withHeader("X-Odoo-Database", equalTo(database))
                .withRequestBody(equalToJson(body.toString(), false, false)).willReturn(answer());
    }

    RequestPatternBuilder requested() {
        return postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson(body.toString(), false, false));
    }

    ResponseDefinitionBuilder answer() {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", contentType)
                .withBody(response.isTextual() ? response.asText() : response.toString());
        return wwwAuthenticate == null ? answer : answer.withHeader("WWW-Authenticate", wwwAuthenticate);
    }
}
