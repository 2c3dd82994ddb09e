package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.list;
import static dev.ordergate.sandbox.OdooValues.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.ordergate.sandbox.SandboxFaults.Fault;

/**
 * Odoo's {@code /jsonrpc} endpoint, byte for byte in the shapes of the 18.0 transcripts, and the web client's JSON
 * routes third-party clients such as odoorpc use ({@code /web/webclient/version_info}, {@code /web/session/*},
 * {@code /web/dataset/call_kw}; transcripts 12, 116 and 117), with a {@code session_id} cookie as Odoo sets it. It
 * parses and writes JSON itself, with its own mapper, so the application's Jackson settings cannot change what Odoo
 * "sends".
 */
@RestController
@ConditionalOnSandbox("odoo")
class OdooJsonRpcController {

    private static final Logger log = LoggerFactory.getLogger(OdooJsonRpcController.class);
    private static final MediaType JSON = MediaType.parseMediaType("application/json; charset=utf-8");
    private static final MediaType HTML = MediaType.parseMediaType("text/html; charset=utf-8");
    private static final String SESSION_COOKIE = "session_id";

    private final SandboxOdoo odoo;
    private final SandboxFaults faults;
    private final ObjectMapper mapper = JsonMapper.builder().build();
    /** Web-client sessions: cookie value to uid. Forgotten on restart, as a real Odoo with a fresh filestore. */
    private final Map<String, Integer> sessions = new ConcurrentHashMap<>();

    OdooJsonRpcController(SandboxOdoo odoo, SandboxFaults faults) {
        this.odoo = odoo;
        this.faults = faults;
    }

    /**
     * Every call this Odoo received (both protocols), by {@code model/method}: what orders cost Odoo, read by the
     * benchmark before and after a run.
     */
    @GetMapping(value = "/sandbox/odoo/calls", produces = "application/json")
    Map<String, Integer> calls() {
        return new java.util.TreeMap<>(faults.callCounts());
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
                putResult(response, odoo.call(service, method, args));
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

    @PostMapping("/sandbox/odoo/web/webclient/version_info")
    ResponseEntity<byte[]> versionInfo(@RequestBody(required = false) byte[] body) throws JsonProcessingException {
        return web(body, (params, uid) -> odoo.version().version(), false, null);
    }

    @PostMapping("/sandbox/odoo/web/session/authenticate")
    ResponseEntity<byte[]> authenticate(@RequestBody(required = false) byte[] body) throws JsonProcessingException {
        String[] cookie = new String[1];
        ResponseEntity<byte[]> answer = web(body, (params, uid) -> {
            if (odoo.authenticate(params.get("db"), params.get("login"), params.get("password")) == null) {
                throw OdooFault.accessDenied();
            }
            cookie[0] = UUID.randomUUID().toString().replace("-", "");
            sessions.put(cookie[0], SandboxOdoo.UID);
            return odoo.sessionInfo();
        }, false, null);
        if (cookie[0] == null) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.SET_COOKIE, ResponseCookie.from(SESSION_COOKIE, cookie[0]).path("/").httpOnly(true)
                        .sameSite("Lax").build().toString())
                .body(answer.getBody());
    }

    @PostMapping("/sandbox/odoo/web/session/get_session_info")
    ResponseEntity<byte[]> sessionInfo(@RequestBody(required = false) byte[] body,
                                       @CookieValue(value = SESSION_COOKIE, required = false) String session)
            throws JsonProcessingException {
        return web(body, (params, uid) -> odoo.sessionInfo(), true, session);
    }

    @PostMapping("/sandbox/odoo/web/session/destroy")
    ResponseEntity<byte[]> destroy(@RequestBody(required = false) byte[] body,
                                   @CookieValue(value = SESSION_COOKIE, required = false) String session)
            throws JsonProcessingException {
        // Real Odoo 18 and 19: auth='user', so without a session it is SessionExpired, and the logout answers None.
        ResponseEntity<byte[]> answer = web(body, (params, uid) -> null, true, session);
        if (session != null) {
            sessions.remove(session);
        }
        return answer;
    }

    /** {@code /web/dataset/call_kw} and {@code /web/dataset/call_kw/<model>/<method>}, as the web client calls them. */
    @PostMapping({"/sandbox/odoo/web/dataset/call_kw", "/sandbox/odoo/web/dataset/call_kw/**"})
    ResponseEntity<byte[]> callKw(@RequestBody(required = false) byte[] body,
                                  @CookieValue(value = SESSION_COOKIE, required = false) String session)
            throws JsonProcessingException {
        return web(body, (params, uid) -> odoo.callKw(String.valueOf(params.get("model")), String.valueOf(params.get("method")),
                list(params.get("args")), map(params.get("kwargs"))), true, session);
    }

    /** One web route's answer in the JSON-RPC envelope; a route that needs a session refuses a call without one. */
    private ResponseEntity<byte[]> web(byte[] body, WebRoute route, boolean needsSession, String session)
            throws JsonProcessingException {
        Map<String, Object> request;
        try {
            request = body == null ? Map.of() : mapper.readValue(body, Map.class);
        } catch (IOException notJson) {
            return invalidJson();
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", request.get("id"));
        Integer uid = session == null ? null : sessions.get(session);
        try {
            if (needsSession && uid == null) {
                // Odoo refuses before it reads the request, so its answer carries no id (seen on 18 and 19).
                response.put("id", null);
                response.put("error", sessionExpired());
            } else {
                putResult(response, route.answer(map(request.get("params")), uid));
            }
        } catch (OdooFault odooError) {
            response.put("error", error(odooError));
        } catch (RuntimeException unexpected) {
            log.debug("Simulated Odoo could not handle a web route {}", request, unexpected);
            response.put("error", error(OdooFault.typeError(String.valueOf(unexpected.getMessage()))));
        }
        return ResponseEntity.ok().contentType(JSON).body(mapper.writeValueAsBytes(response));
    }

    /**
     * Odoo's JSON-RPC envelope leaves {@code result} out when the method returned None (its {@code _response}; seen
     * on real 18 and 19 for {@code stock.quant.action_apply_inventory} and {@code /web/session/destroy}).
     */
    private static void putResult(Map<String, Object> response, Object result) {
        if (result != null) {
            response.put("result", result);
        }
    }

    /** Odoo's answer to a route that needs a session, called without one (or with a forgotten one). */
    private static Map<String, Object> sessionExpired() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "odoo.http.SessionExpiredException");
        data.put("debug", "Traceback (most recent call last):\n  (simulated by the Ordergate sandbox)\n"
                + "odoo.http.SessionExpiredException: Session expired\n");
        data.put("message", "Session expired");
        data.put("arguments", List.of("Session expired"));
        data.put("context", Map.of());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", 100);
        error.put("message", "Odoo Session Expired");
        error.put("data", data);
        return error;
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

    /** What a web route answers, given the call's {@code params} and the session's uid (null without one). */
    @FunctionalInterface
    private interface WebRoute {
        Object answer(Map<String, Object> params, Integer uid);
    }

    private static ResponseEntity<byte[]> invalidJson() {
        return ResponseEntity.badRequest().contentType(HTML).body("Invalid JSON data".getBytes(StandardCharsets.UTF_8));
    }
}
