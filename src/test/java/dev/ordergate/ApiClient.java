package dev.ordergate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Talks to the running test application over real HTTP, as a channel would. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    /** The Authorization header's value, or null: a bearer token (keycloak profile) or a local user's basic login. */
    private final String authorization;

    /** A client of the shared test application. */
    public ApiClient() {
        this(System.getProperty("ordergate.test.port"));
    }

    /** Where the shared test application listens. */
    public static String baseUrl() {
        return "http://localhost:" + System.getProperty("ordergate.test.port");
    }

    public ApiClient(String port) {
        this("http://localhost:" + port, null);
    }

    /** A client of an application at this base URL (e.g. one in a child JVM). */
    public static ApiClient at(String baseUrl) {
        return new ApiClient(baseUrl, null);
    }

    private ApiClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client sending this bearer token (the keycloak profile's tests). */
    public ApiClient withToken(String bearerToken) {
        return new ApiClient(base, "Bearer " + bearerToken);
    }

    /** The same client logged in as this user of the local mode (basic authentication), e.g. a reviewer. */
    public ApiClient as(String user, String password) {
        return new ApiClient(base, "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public record Response(int status, String contentType, JsonNode body, String raw) {
    }

    public Response post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Submits an order that must be taken as new (201); answers its id. */
    public String submitOrder(String body) {
        Response response = post("/api/v1/orders", body);
        if (response.status() != 201) {
            throw new AssertionError("Expected 201 for a new order, got " + response.status() + ": " + response.raw());
        }
        return response.body().path("id").asText();
    }

    /** Waits (up to a minute) until the order has this status; answers the order as then shown. */
    public JsonNode awaitOrderStatus(String id, String status) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> get("/api/v1/orders/" + id).body(), body -> status.equals(body.path("status").asText()));
    }

    public String processInstanceId(String orderId) {
        return get("/api/v1/orders/" + orderId).body().path("processInstanceId").asText();
    }

    /**
     * The sandbox Odoo's {@code execute_kw} as the admin, as any JSON-RPC client calls it; answers the result and fails
     * on a JSON-RPC error. Put {@code context.allowed_company_ids} in {@code kwargs} to work in one company.
     */
    public JsonNode odoo(String model, String method, java.util.List<?> args, java.util.Map<String, ?> kwargs) {
        try {
            String call = JSON.writeValueAsString(java.util.Map.of("jsonrpc", "2.0", "method", "call", "id", 1,
                    "params", java.util.Map.of("service", "object", "method", "execute_kw", "args",
                            java.util.List.of("sandbox", 2, "sandbox-admin-key", model, method, args, kwargs))));
            JsonNode answer = post("/sandbox/odoo/jsonrpc", call).body();
            if (answer.has("error")) {
                throw new AssertionError("%s.%s failed: %s".formatted(model, method, answer.get("error")));
            }
            return answer.path("result");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Response send(String method, String path, String body) {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, publisher).build());
    }

    private Response send(HttpRequest request) {
        if (authorization != null) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", authorization).build();
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? JSON.nullNode() : parse(raw);
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    body, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }
}
