package dev.ordergate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Posts files as multipart/form-data, as Camunda Modeler and curl -F do. */
public final class Multipart {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, JsonNode body, String raw) {
    }

    private Multipart() {
    }

    /** Text fields, then each file as a part named like its key in files ("files" for the ops API). */
    public static Response post(String url, String basicAuth, Map<String, String> fields, String filePart, Map<String, String> files) {
        return postAuthorized(url, basicAuth == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)), fields, filePart, files);
    }

    /** The same with any Authorization header (a bearer token), or none. */
    public static Response postAuthorized(String url, String authorization, Map<String, String> fields, String filePart,
                                          Map<String, String> files) {
        String boundary = "----ordergate" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n"));
        files.forEach((fileName, content) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + (filePart == null ? fileName : filePart) + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n"));
        write(body, "--" + boundary + "--\r\n");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : readOrText(response.body());
            return new Response(response.statusCode(), json, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrText(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
