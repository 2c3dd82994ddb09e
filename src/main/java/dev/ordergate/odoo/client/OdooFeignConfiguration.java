package dev.ordergate.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Logger;
import feign.Request;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.openfeign.FeignBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Feign settings for the Odoo client only. Deliberately not a {@code @Configuration}: component scanning
 * would otherwise make these beans the defaults of every Feign client in the application.
 */
public class OdooFeignConfiguration {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Error bodies are small; the traceback in {@code debug} is the largest part and is not read further. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    @Bean
    public Request.Options odooRequestOptions(OdooProperties properties) {
        // A redirect means a wrong URL (Odoo sends /web/login); following it would turn our POST into a GET.
        return new Request.Options(properties.connectTimeout(), properties.readTimeout(), false);
    }

    /**
     * Spring Cloud applies {@code spring.cloud.openfeign.client.config.default} (application.yml: 2 s / 10 s, redirects
     * followed) over an {@code Options} bean; a builder customizer runs after it, so Odoo's own timeouts hold.
     */
    @Bean
    public FeignBuilderCustomizer odooTimeouts(OdooProperties properties) {
        return builder -> builder.options(odooRequestOptions(properties));
    }

    @Bean
    public ErrorDecoder odooErrorDecoder() {
        return OdooFeignConfiguration::decodeHttpError;
    }

    /** Bodies carry the API key and prices, so Feign never logs them; {@link OdooClient} logs calls without arguments. */
    @Bean
    public Logger.Level odooFeignLoggerLevel() {
        return Logger.Level.NONE;
    }

    public static OdooException decodeHttpError(String methodKey, Response response) {
        int status = response.status();
        String body = body(response);
        String call = call(response);
        JsonNode json = json(body);
        if (json != null && json.isObject() && json.hasNonNull("name")) {
            // JSON-2 answers errors with a real status and Odoo's exception in the body.
            return OdooException.fromJson2Error(call, status, json);
        }
        String excerpt = body.isEmpty() ? "(empty body)" : body.substring(0, Math.min(300, body.length())).strip();
        if (status == 401) {
            // Java's HTTP client drops the body of a 401 to a streamed POST; the status alone says it: a refused key.
            return new OdooAccessException(call + ": Odoo refused the API key (HTTP 401)", "odoo.exceptions.AccessDenied");
        }
        if (status >= 500 || status == 429 || status == 408) {
            return new OdooTransportException(call + ": Odoo answered HTTP " + status + ": " + excerpt, null);
        }
        if (status == 404 && call.contains(".")) {
            // 19.0 transcript 08: the JSON-2 routes exist only once a database is selected.
            return new OdooProtocolException(call + ": Odoo answered HTTP 404 without naming an error (is "
                    + "ordergate.odoo.database a database of this server?): " + excerpt, null);
        }
        // Odoo answers 400 "Invalid JSON data" to a body it cannot parse, 415 to a wrong content type: our bug.
        return new OdooProtocolException(call + ": Odoo answered HTTP " + status + ": " + excerpt, null);
    }

    /** {@code model.method} for a JSON-2 call, the path otherwise; never the body, which carries keys and prices. */
    private static String call(Response response) {
        String path = URI.create(response.request().url()).getPath();
        int json2 = path.indexOf("/json/2/");
        if (json2 >= 0) {
            String[] parts = path.substring(json2 + "/json/2/".length()).split("/");
            return parts.length >= 2 ? parts[0] + "." + parts[1] : path;
        }
        return path;
    }

    private static JsonNode json(String body) {
        try {
            return body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String body(Response response) {
        if (response.body() == null) {
            return "";
        }
        try (InputStream in = response.body().asInputStream()) {
            return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable body)";
        }
    }
}
