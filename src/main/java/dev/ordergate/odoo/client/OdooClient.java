package dev.ordergate.odoo.client;

import dev.ordergate.odoo.OdooCallLanes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ordergate.odoo.client.OdooProperties.Protocol;
import feign.FeignException;
import feign.RetryableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Odoo's external API, over JSON-2 ({@code /json/2/<model>/<method>}, Odoo 19+) or JSON-RPC ({@code /jsonrpc},
 * {@code execute_kw}, Odoo 16-19), chosen from the server's version unless configured. Callers speak in
 * {@code execute_kw} terms (positional args, kwargs) and get the same answers from both: Jackson trees in
 * Odoo's own shapes (many2one as {@code [id, name]}, empty as {@code false}); failures are {@link OdooException}s.
 * Every call passes the {@link OdooThrottle} and is timed as {@code ordergate.odoo.calls} by model, method and
 * outcome. Reads, creates and writes of many records are split into batches of {@code batchSize}.
 */
@Component
public class OdooClient {

    private static final Logger log = LoggerFactory.getLogger(OdooClient.class);
    public static final String METRIC = "ordergate.odoo.calls";

    /** What the server turned out to be, asked once. */
    public record Server(OdooVersion version, Protocol protocol, OdooDialect dialect) {
    }

    private final OdooRpc rpc;
    private final OdooJson2 json2;
    private final OdooProperties properties;
    private final OdooThrottle throttle;
    private final MeterRegistry meters;
    private final OdooCredentials credentials;
    private final OdooAuthentication authentication;
    private final AtomicLong requestIds = new AtomicLong();
    private volatile Integer uid;
    /** The key's generation {@link #uid} was found with: a rotated key logs in again. */
    private volatile long uidGeneration;
    private volatile Server server;

    /** A client with the configured key, never rotated (tests, benchmarks). */
    public OdooClient(OdooRpc rpc, OdooJson2 json2, OdooProperties properties, MeterRegistry meters) {
        this(rpc, json2, properties, meters, OdooCredentials.fixed(properties.apiKey()), new OdooAuthentication(meters));
    }

    public OdooClient(OdooRpc rpc, OdooJson2 json2, OdooProperties properties, MeterRegistry meters,
               OdooCredentials credentials, OdooAuthentication authentication) {
        this(rpc, json2, properties, meters, credentials, authentication, OdooCallLanes.ORDERS_ONLY);
    }

    /** The application's client: orders before bulk work in the call budget, by the lane of the work calling. */
    @Autowired
    public OdooClient(OdooRpc rpc, OdooJson2 json2, OdooProperties properties, MeterRegistry meters,
               OdooCredentials credentials, OdooAuthentication authentication, ObjectProvider<OdooCallLanes> lanes) {
        this(rpc, json2, properties, meters, credentials, authentication,
                lanes.getIfAvailable(() -> OdooCallLanes.ORDERS_ONLY));
    }

    private OdooClient(OdooRpc rpc, OdooJson2 json2, OdooProperties properties, MeterRegistry meters,
                       OdooCredentials credentials, OdooAuthentication authentication, OdooCallLanes lanes) {
        this.rpc = rpc;
        this.json2 = json2;
        this.properties = properties;
        this.throttle = OdooThrottle.of(properties, lanes);
        this.meters = meters;
        this.credentials = credentials;
        this.authentication = authentication;
    }

    /** The version, protocol and dialect of the server: configured, or asked on the first call and kept. */
    public Server server() {
        Server known = server;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (server == null) {
                String configured = properties.version();
                OdooVersion version = configured != null && !configured.isBlank()
                        ? OdooVersion.parse(configured) : probeVersion();
                OdooDialect dialect = OdooDialect.of(version);
                Protocol protocol = switch (properties.protocol() == null ? Protocol.AUTO : properties.protocol()) {
                    case AUTO -> dialect.speaksJson2() ? Protocol.JSON_2 : Protocol.JSON_RPC;
                    case JSON_RPC -> Protocol.JSON_RPC;
                    case JSON_2 -> Protocol.JSON_2;
                };
                log.info("Odoo {} at {}: speaking {}", version, properties.url(), protocol);
                server = new Server(version, protocol, dialect);
            }
            return server;
        }
    }

    public OdooDialect dialect() {
        return server().dialect();
    }

    /**
     * {@code common.version} first (every version from 16 to 19 answers it), {@code GET /json/version} when that
     * fails (a server without {@code /jsonrpc}, as announced for Odoo 22); the other way round when JSON-2 is forced.
     */
    private OdooVersion probeVersion() {
        boolean json2First = properties.protocol() == Protocol.JSON_2;
        Supplier<OdooVersion> rpcVersion = () -> OdooVersion.of(version());
        Supplier<OdooVersion> json2Version = () -> OdooVersion.of(timed("json", "version", json2::version));
        try {
            return (json2First ? json2Version : rpcVersion).get();
        } catch (OdooTransportException down) {
            throw down;
        } catch (OdooException first) {
            try {
                return (json2First ? rpcVersion : json2Version).get();
            } catch (OdooException second) {
                first.addSuppressed(second);
                throw first;
            }
        }
    }

    public JsonNode version() {
        return send("common", "version", List.of(), "common", "version");
    }

    /** The uid of our login over JSON-RPC, asked once and kept; a refused login is an {@link OdooAccessException}. */
    public int authenticate() {
        Integer known = uid;
        if (known != null && uidGeneration == credentials.generation()) {
            return known;
        }
        synchronized (this) {
            if (uid == null || uidGeneration != credentials.generation()) {
                long generation = credentials.generation();
                JsonNode result = send("common", "authenticate",
                        List.of(properties.database(), properties.login(), credentials.apiKey(), Map.of()),
                        "common", "authenticate");
                // A wrong key is not an error in Odoo: authenticate answers false.
                if (!result.isIntegralNumber()) {
                    throw refused(new OdooAccessException("Odoo refused login '" + properties.login() + "' on database '"
                            + properties.database() + "'", null));
                }
                uid = result.intValue();
                uidGeneration = generation;
            }
            return uid;
        }
    }

    /** Whether Odoo accepted our credentials on the last call, and why not. */
    public OdooAuthentication authentication() {
        return authentication;
    }

    public OdooCredentials credentials() {
        return credentials;
    }

    /** Makes a refused login the one operator-facing problem {@link OdooAuthentication} reports. */
    private OdooAccessException refused(OdooAccessException e) {
        if (e.isLoginRefused()) {
            authentication.refused(e.getMessage(), properties.login(), properties.database(), credentials.source());
        }
        return e.awaited(authentication.retryAfter());
    }

    /** Our own user's id: JSON-RPC logs in for it; JSON-2 has no login, so the user is found by its login. */
    public int uid() {
        if (server().protocol() == Protocol.JSON_RPC) {
            return authenticate();
        }
        Integer known = uid;
        if (known == null) {
            JsonNode users = searchRead("res.users", List.of(List.of("login", "=", properties.login())),
                    List.of("login"), 1, 0, null);
            if (users.isEmpty()) {
                throw new OdooAccessException("Odoo shows no user with the login '" + properties.login() + "'", null);
            }
            known = users.get(0).get("id").intValue();
            uid = known;
        }
        return known;
    }

    /**
     * {@code execute_kw(db, uid, key, model, method, args[, kwargs])} over JSON-RPC, kwargs left out when empty as
     * Odoo's own clients do; over JSON-2 the same call with its arguments named ({@link OdooJson2Parameters}).
     */
    public JsonNode executeKw(String model, String method, List<?> givenArgs, Map<String, ?> givenKwargs) {
        // The one place a region's company reaches Odoo: its context on every call, its company on what we create.
        List<?> args = OdooCompanyScope.withCompany(model, method, givenArgs);
        Map<String, ?> kwargs = OdooCompanyScope.withContext(givenKwargs);
        if (server().protocol() == Protocol.JSON_2) {
            JsonNode result = json2(model, method, OdooJson2Parameters.of(method, args, kwargs));
            return OdooJson2Parameters.singleCreate(method, args) && result.isArray() && result.size() == 1
                    ? result.get(0) : result;
        }
        List<Object> params = new ArrayList<>(List.of(
                properties.database(), authenticate(), credentials.apiKey(), model, method, args));
        if (kwargs != null && !kwargs.isEmpty()) {
            params.add(kwargs);
        }
        try {
            return send("object", "execute_kw", params, model, method);
        } catch (OdooAccessException e) {
            if (e.isLoginRefused()) {
                // The key may have been rotated; the next call logs in again instead of failing forever.
                uid = null;
            }
            throw e;
        }
    }

    /** One JSON-2 call with named parameters ({@code ids} and {@code context} among them); answers the bare result. */
    public JsonNode json2(String model, String method, Map<String, Object> parameters) {
        return timed(model, method, () -> {
            try {
                JsonNode result = json2.call(model, method, "bearer " + credentials.apiKey(), properties.database(),
                        parameters);
                // A bare JSON null (e.g. res.config.settings.execute) may come back as no node at all.
                return result == null ? NullNode.getInstance() : result;
            } catch (OdooException e) {
                throw e;
            } catch (RetryableException e) {
                throw new OdooTransportException(model + "." + method + ": " + e.getMessage(), e);
            } catch (FeignException e) {
                throw new OdooProtocolException(model + "." + method + ": the answer is not JSON: " + e.getMessage(), e);
            }
        });
    }

    public JsonNode searchRead(String model, List<?> domain, List<String> fields, Integer limit, int offset, String order) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("fields", fields);
        if (limit != null) {
            kwargs.put("limit", limit);
        }
        if (offset > 0) {
            kwargs.put("offset", offset);
        }
        if (order != null) {
            kwargs.put("order", order);
        }
        return executeKw(model, "search_read", List.of(domain), kwargs);
    }

    public JsonNode searchRead(String model, List<?> domain, List<String> fields) {
        return searchRead(model, domain, fields, null, 0, null);
    }

    /**
     * Every record of the domain, a page of {@code batchSize} per call. The order always ends in {@code id}, so
     * pages neither skip nor repeat records that sort alike; records created meanwhile may still shift pages.
     */
    public JsonNode searchReadAll(String model, List<?> domain, List<String> fields, String order) {
        String stable = order == null || order.isBlank() ? "id" : order.matches("(?i).*\\bid\\b.*") ? order : order + ", id";
        int size = batchSize();
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (int offset = 0; ; offset += size) {
            JsonNode page = searchRead(model, domain, fields, size, offset, stable);
            all.addAll((ArrayNode) page);
            if (page.size() < size) {
                return all;
            }
        }
    }

    /** search_read with {@code [[field, "in", values]]}, one call per batch of values. */
    public JsonNode searchReadIn(String model, String field, Collection<?> values, List<String> fields) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (List<?> batch : batches(List.copyOf(values))) {
            all.addAll((ArrayNode) searchRead(model, List.of(List.of(field, "in", batch)), fields));
        }
        return all;
    }

    /** read, one call per batch of ids; ids that do not exist are silently absent (Odoo's behaviour). */
    public JsonNode read(String model, Collection<Integer> ids, List<String> fields) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (List<Integer> batch : batches(List.copyOf(ids))) {
            all.addAll((ArrayNode) executeKw(model, "read", List.of(batch), Map.of("fields", fields)));
        }
        return all;
    }

    /**
     * Not idempotent: when the answer is lost the record may exist. Callers search for their own reference before
     * they create (and again before a retry), never repeat a create blindly.
     */
    public int create(String model, Map<String, ?> vals) {
        JsonNode id = executeKw(model, "create", List.of(vals), null);
        if (!id.isIntegralNumber()) {
            throw new OdooProtocolException(model + ".create answered " + id.getNodeType() + " instead of an id", null);
        }
        return id.intValue();
    }

    /** create with a list of values, one call per batch; answers the new ids in the order of the values. */
    public List<Integer> createMany(String model, List<? extends Map<String, ?>> valsList) {
        List<Integer> ids = new ArrayList<>(valsList.size());
        for (List<? extends Map<String, ?>> batch : batches(valsList)) {
            JsonNode created = executeKw(model, "create", List.of(batch), null);
            if (!created.isArray() || created.size() != batch.size()) {
                throw new OdooProtocolException(model + ".create of " + batch.size() + " records answered "
                        + created.getNodeType() + (created.isArray() ? " of " + created.size() : ""), null);
            }
            created.forEach(id -> ids.add(id.intValue()));
        }
        return ids;
    }

    public void write(String model, Collection<Integer> ids, Map<String, ?> vals) {
        executeKw(model, "write", List.of(List.copyOf(ids), vals), null);
    }

    /** The same values on many records, one call per batch of ids. */
    public void writeMany(String model, Collection<Integer> ids, Map<String, ?> vals) {
        for (List<Integer> batch : batches(List.copyOf(ids))) {
            write(model, batch, vals);
        }
    }

    /** A public method on records ({@code action_confirm}, {@code button_validate}, ...), with an optional context. */
    public JsonNode call(String model, String method, Collection<Integer> ids, Map<String, ?> context) {
        return executeKw(model, method, List.of(List.copyOf(ids)),
                context == null || context.isEmpty() ? null : Map.of("context", context));
    }

    public int batchSize() {
        return Math.max(1, properties.batchSize());
    }

    private <T> List<List<T>> batches(List<T> items) {
        int size = batchSize();
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }

    /** Logs which call is made, never its arguments: they carry the API key, and results carry prices. */
    private JsonNode send(String service, String method, List<?> args, String model, String modelMethod) {
        return timed(model, modelMethod, () -> {
            String what = model + "." + modelMethod;
            JsonNode answer;
            try {
                answer = rpc.call(OdooRpc.Request.call(requestIds.incrementAndGet(), service, method, args));
            } catch (OdooException e) {
                throw e;
            } catch (RetryableException e) {
                // Connection refused, reset, timeout: Feign wraps the IOException.
                throw new OdooTransportException(what + ": " + e.getMessage(), e);
            } catch (FeignException e) {
                throw new OdooProtocolException(what + ": the answer is not JSON-RPC: " + e.getMessage(), e);
            }
            if (answer == null || !answer.isObject()) {
                throw new OdooProtocolException(what + ": the answer is not a JSON-RPC object", null);
            }
            JsonNode error = answer.get("error");
            if (error != null && !error.isNull()) {
                throw OdooException.fromRpcError(what, error);
            }
            if (!answer.has("result")) {
                // Odoo (18 and 19 alike) leaves "result" out when the method returned None, e.g.
                // stock.quant.action_apply_inventory: {"jsonrpc": "2.0", "id": 7}. Only a non-JSON-RPC object is wrong.
                if (!answer.has("jsonrpc")) {
                    throw new OdooProtocolException(what + ": the answer has neither result nor error", null);
                }
                return NullNode.getInstance();
            }
            return answer.get("result");
        });
    }

    /** Throttles, times and logs one call; the outcome tag is {@code ok} or the kind of {@link OdooException}. */
    private JsonNode timed(String model, String method, Supplier<JsonNode> call) {
        String what = model + "." + method;
        return throttle.run(what, () -> {
            long started = System.nanoTime();
            String outcome = "ok";
            try {
                log.debug("Odoo {} ...", what);
                JsonNode answer = call.get();
                if (!"common".equals(model) && !"json".equals(model)) {
                    authentication.accepted();
                }
                return answer;
            } catch (OdooAccessException e) {
                outcome = outcome(e);
                throw refused(e);
            } catch (OdooException e) {
                outcome = outcome(e);
                throw e;
            } catch (RuntimeException e) {
                outcome = "error";
                throw e;
            } finally {
                long nanos = System.nanoTime() - started;
                Timer.builder(METRIC).description("Calls to Odoo by model, method and outcome")
                        .tag("model", model).tag("method", method).tag("outcome", outcome)
                        .register(meters).record(nanos, TimeUnit.NANOSECONDS);
                log.debug("Odoo {} answered {} in {} ms", what, outcome, nanos / 1_000_000);
            }
        });
    }

    /** {@code OdooBusinessException} becomes {@code business}, and so on. */
    public static String outcome(OdooException e) {
        String name = e.getClass().getSimpleName();
        return name.substring("Odoo".length(), name.length() - "Exception".length()).toLowerCase();
    }
}
