package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.list;
import static dev.ordergate.sandbox.OdooValues.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.ordergate.sandbox.SandboxFaults.Fault;

/**
 * Odoo's {@code /jsonrpc} endpoint, byte for byte in the shapes of the 18.0 transcripts. It parses and writes
 * JSON itself, with its own mapper, so the application's Jackson settings cannot change what Odoo "sends".
 */
@RestController
@ConditionalOnSandbox
class OdooJsonRpcController {

    private static final Logger log = LoggerFactory.getLogger(OdooJsonRpcController.class);
    private static final MediaType JSON = MediaType.parseMediaType("application/json; charset=utf-8");
    private static final MediaType HTML = MediaType.parseMediaType("text/html; charset=utf-8");

    private final SandboxOdoo odoo;
    private final SandboxFaults faults;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    OdooJsonRpcController(SandboxOdoo odoo, SandboxFaults faults) {
        this.odoo = odoo;
        this.faults = faults;
    }

    /** Odoo answers a GET on /jsonrpc like a broken body (transcript 112). */
    @GetMapping("/sandbox/odoo/jsonrpc")
    ResponseEntity<byte[]> get() {
        return invalidJson();
    }

    @PostMapping("/sandbox/odoo/jsonrpc")
    ResponseEntity<byte[]> call(@RequestBody(required = false) byte[] body) throws JsonProcessingException {
        Map<String, Object> request;
        try {
            request = body == null ? null : mapper.readValue(body, Map.class);
        } catch (IOException notJson) {
            request = null;
        }
        if (request == null) {
            return invalidJson();
        }
        Object requestId = request.get("id");
        Map<String, Object> params = map(request.get("params"));
        String service = String.valueOf(params.get("service"));
        String method = String.valueOf(params.get("method"));
        List<Object> args = list(params.get("args"));
        boolean onModel = service.equals("object") && args.size() >= 5;
        Fault fault = faults.onCall(onModel ? String.valueOf(args.get(3)) : service,
                onModel ? String.valueOf(args.get(4)) : method);
        if (fault == Fault.HTTP_503) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(HTML)
                    .body("Service Unavailable".getBytes(StandardCharsets.UTF_8));
        }
        if (fault == Fault.HTTP_500) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(HTML)
                    .body("Internal Server Error".getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", requestId);
        if (fault == Fault.SERVER_ERROR) {
            response.put("error", error(OdooFault.database("psycopg2.OperationalError",
                    "could not serialize access due to concurrent update\n")));
        } else if (fault == Fault.USER_ERROR) {
            response.put("error", error(OdooFault.userError(SandboxFaults.REFUSAL)));
        } else {
            try {
                response.put("result", odoo.call(service, method, args));
            } catch (OdooFault odooError) {
                response.put("error", error(odooError));
            } catch (RuntimeException unexpected) {
                log.debug("Simulated Odoo could not handle {}.{} {}", service, method, args, unexpected);
                response.put("error", error(OdooFault.typeError(String.valueOf(unexpected.getMessage()))));
            }
        }
        if (fault == Fault.LOSE_RESPONSE) {
            log.info("Sandbox Odoo performed {}/{} and loses the answer on purpose", service, method);
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(HTML)
                    .body("Bad Gateway".getBytes(StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().contentType(JSON).body(mapper.writeValueAsBytes(response));
    }

    private Map<String, Object> error(OdooFault fault) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", fault.exceptionName());
        data.put("debug", "Traceback (most recent call last):\n  (simulated by the Ordergate sandbox)\n%s: %s\n"
                .formatted(fault.exceptionName(), fault.getMessage()));
        data.put("message", fault.getMessage());
        data.put("arguments", List.of(fault.getMessage()));
        data.put("context", Map.of());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", odoo.version().rpcErrorCode());
        error.put("message", "Odoo Server Error");
        error.put("data", data);
        return error;
    }

    private static ResponseEntity<byte[]> invalidJson() {
        return ResponseEntity.badRequest().contentType(HTML).body("Invalid JSON data".getBytes(StandardCharsets.UTF_8));
    }
}
