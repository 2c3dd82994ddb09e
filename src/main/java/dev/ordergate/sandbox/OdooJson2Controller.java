package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ordergate.sandbox.SandboxFaults.Fault;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Odoo 19's JSON-2 API ({@code POST /json/2/<model>/<method>}, bearer API key, named parameters, the bare result,
 * real HTTP statuses with {@code {name, message, arguments, context, debug}} errors) in the shapes of the 19.0
 * transcripts, served when the sandbox simulates Odoo 19. Like {@link OdooJsonRpcController} it reads and writes
 * JSON with its own mapper.
 */
@RestController
@ConditionalOnSandbox("odoo")
class OdooJson2Controller {

    private static final Logger log = LoggerFactory.getLogger(OdooJson2Controller.class);
    private static final String PREFIX = "/sandbox/odoo/json/2/";
    private static final MediaType JSON = MediaType.parseMediaType("application/json; charset=utf-8");
    private static final MediaType HTML = MediaType.parseMediaType("text/html; charset=utf-8");
    /** 19.0 transcript 08: an unknown X-Odoo-Database selects no database, so no JSON-2 route exists. */
    private static final String NO_DATABASE = """
            <!DOCTYPE html>
            <title>404 Not Found</title>
            <h1>Not Found</h1>
            <p>No database is selected and the requested URL was not found in the server-wide controllers.</p>
            <p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>

            <!-- Alternatively, use the X-Odoo-Database header. -->
            """;
    /** 19.0 transcript 12. */
    private static final String WRONG_CONTENT_TYPE = """
            <!doctype html>
            <html lang=en>
            <title>415 Unsupported Media Type</title>
            <h1>Unsupported Media Type</h1>
            <p>Request inferred type is compatible with [&#39;http&#39;] but &#39;/json/2/&lt;__model__&gt;/&lt;__method__&gt;&#39; is type=&#39;json2&#39;.<br><br>Please verify the Content-Type request header and try again.</p>
            """;

    private final SandboxOdoo odoo;
    private final SandboxFaults faults;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    OdooJson2Controller(SandboxOdoo odoo, SandboxFaults faults) {
        this.odoo = odoo;
        this.faults = faults;
    }

    /** Unauthenticated, 19 only (19.0 transcript 01); 18 has no such route. */
    @GetMapping("/sandbox/odoo/json/version")
    ResponseEntity<byte[]> version() throws JsonProcessingException {
        if (!odoo.version().speaksJson2()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML).body(bytes(NO_DATABASE));
        }
        return ResponseEntity.ok().contentType(JSON).body(mapper.writeValueAsBytes(odoo.version().jsonVersion()));
    }

    @RequestMapping(PREFIX + "**")
    ResponseEntity<byte[]> call(HttpServletRequest request, @RequestBody(required = false) byte[] body,
                                @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                @RequestHeader(value = "X-Odoo-Database", required = false) String database)
            throws JsonProcessingException {
        if (!odoo.version().speaksJson2() || database != null && !SandboxOdoo.DATABASE.equals(database)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML).body(bytes(NO_DATABASE));
        }
        String[] route = request.getRequestURI().substring(request.getRequestURI().indexOf(PREFIX) + PREFIX.length())
                .split("/");
        if (!"POST".equals(request.getMethod()) || route.length != 2 || route[0].isEmpty() || route[1].isEmpty()) {
            return error(OdooFault.notFound("Did you mean POST /json/2/<model>/<method>?"));
        }
        if (request.getContentType() == null || !MediaType.parseMediaType(request.getContentType())
                .isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(HTML)
                    .body(bytes(WRONG_CONTENT_TYPE));
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            return error(werkzeug("werkzeug.exceptions.Unauthorized",
                    "User not authenticated, use an API Key with a Bearer Authorization header."));
        }
        if (!odoo.acceptsApiKey(authorization.substring(7).strip())) {
            return error(werkzeug("werkzeug.exceptions.Unauthorized", "Invalid apikey"));
        }
        Object parsed;
        try {
            parsed = body == null || body.length == 0 ? Map.of() : mapper.readValue(body, Object.class);
        } catch (IOException notJson) {
            return error(werkzeug("werkzeug.exceptions.BadRequest",
                    "could not parse the body as json: " + (notJson instanceof JsonProcessingException json
                            ? json.getOriginalMessage() : notJson.getMessage())));
        }
        // A list cannot be merged with the path's parameters; Odoo ignores it (19.0 transcript 13).
        Map<String, Object> parameters = new LinkedHashMap<>(parsed instanceof Map<?, ?> ? map(parsed) : Map.of());
        Object ids = parameters.remove("ids");
        Map<String, Object> context = map(parameters.remove("context"));
        String model = route[0];
        String method = route[1];
        Fault fault = faults.onCall(model, method);
        if (fault == Fault.HTTP_503) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(HTML).body(bytes("Service Unavailable"));
        }
        if (fault == Fault.HTTP_500) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(HTML).body(bytes("Internal Server Error"));
        }
        if (fault == Fault.SERVER_ERROR) {
            return error(OdooFault.database("psycopg2.OperationalError",
                    "could not serialize access due to concurrent update\n"));
        }
        if (fault == Fault.USER_ERROR) {
            return error(OdooFault.userError(SandboxFaults.REFUSAL));
        }
        ResponseEntity<byte[]> answer;
        try {
            Object result = odoo.json2(model, method, ids, parameters, context);
            answer = ResponseEntity.ok().contentType(JSON).body(mapper.writeValueAsBytes(result));
        } catch (OdooFault odooError) {
            answer = error(odooError);
        } catch (RuntimeException unexpected) {
            log.debug("Simulated Odoo could not handle {}.{}", model, method, unexpected);
            answer = error(OdooFault.typeError(String.valueOf(unexpected.getMessage())));
        }
        if (fault == Fault.LOSE_RESPONSE) {
            log.info("Sandbox Odoo performed {}/{} and loses the answer on purpose", model, method);
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(HTML).body(bytes("Bad Gateway"));
        }
        return answer;
    }

    private ResponseEntity<byte[]> error(OdooFault fault) throws JsonProcessingException {
        String name = fault.exceptionName();
        int status = status(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("message", fault.getMessage());
        body.put("arguments", name.startsWith("werkzeug.") ? List.of(fault.getMessage(), status) : List.of(fault.getMessage()));
        body.put("context", Map.of());
        body.put("debug", "Traceback (most recent call last):\n  (simulated by the Ordergate sandbox)\n%s: %s\n"
                .formatted(name, fault.getMessage()));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(JSON);
        if (status == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.body(mapper.writeValueAsBytes(body));
    }

    /** The statuses of the 19.0 README's table. */
    private static int status(String name) {
        return switch (name) {
            case "werkzeug.exceptions.BadRequest" -> 400;
            case "werkzeug.exceptions.Unauthorized", "odoo.exceptions.AccessDenied" -> 401;
            case "odoo.exceptions.AccessError" -> 403;
            case "werkzeug.exceptions.NotFound", "odoo.exceptions.MissingError" -> 404;
            case "werkzeug.exceptions.UnprocessableEntity", "odoo.exceptions.UserError",
                    "odoo.exceptions.ValidationError" -> 422;
            default -> 500;
        };
    }

    private static OdooFault werkzeug(String name, String message) {
        return OdooFault.database(name, message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
