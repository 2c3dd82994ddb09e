package dev.ordergate.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP against the sandbox's port, and a JSON-RPC shortcut for the simulated Odoo. */
final class SandboxHttp {

    static final String ODOO = "/sandbox/odoo/jsonrpc";

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final int port;

    SandboxHttp(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException notJson) {
            throw new UncheckedIOException(notJson);
        }
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** {@code execute_kw} as the admin with the sandbox's API key; answers the whole JSON-RPC envelope. */
    JsonNode executeKw(String model, String method, List<?> args, Map<String, ?> kwargs) {
        Map<String, Object> body = Map.of("jsonrpc", "2.0", "method", "call", "id", 1,
                "params", Map.of("service", "object", "method", "execute_kw",
                        "args", List.of("sandbox", 2, "sandbox-admin-key", model, method, args, kwargs)));
        return json(post(ODOO, write(body)));
    }

    /** Like {@link #executeKw} but answers the result and fails on a JSON-RPC error. */
    JsonNode result(String model, String method, List<?> args, Map<String, ?> kwargs) {
        JsonNode response = executeKw(model, method, args, kwargs);
        if (response.has("error")) {
            throw new AssertionError("%s.%s failed: %s".formatted(model, method, response.get("error")));
        }
        return response.get("result");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
