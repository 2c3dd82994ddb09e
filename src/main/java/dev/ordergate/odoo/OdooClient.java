package dev.ordergate.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import feign.FeignException;
import feign.RetryableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Odoo's external API over JSON-RPC ({@code common.*} and {@code object.execute_kw}). Answers are Jackson
 * trees in Odoo's own shapes (many2one as {@code [id, name]}, empty as {@code false}); failures are
 * {@link OdooException}s. Reads of many ids or values are split into batches of {@code batchSize}.
 */
@Component
class OdooClient {

    private static final Logger log = LoggerFactory.getLogger(OdooClient.class);

    private final OdooRpc rpc;
    private final OdooProperties properties;
    private final AtomicLong requestIds = new AtomicLong();
    private volatile Integer uid;

    OdooClient(OdooRpc rpc, OdooProperties properties) {
        this.rpc = rpc;
        this.properties = properties;
    }

    JsonNode version() {
        return send("common", "version", List.of(), "common.version");
    }

    /** The uid of our login, asked once and kept; a refused login is an {@link OdooAccessException}. */
    int authenticate() {
        Integer known = uid;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (uid == null) {
                JsonNode result = send("common", "authenticate",
                        List.of(properties.database(), properties.login(), properties.apiKey(), Map.of()),
                        "common.authenticate");
                // A wrong key is not an error in Odoo: authenticate answers false.
                if (!result.isIntegralNumber()) {
                    throw new OdooAccessException("Odoo refused login '" + properties.login() + "' on database '"
                            + properties.database() + "'", null);
                }
                uid = result.intValue();
            }
            return uid;
        }
    }

    /** {@code execute_kw(db, uid, key, model, method, args[, kwargs])}; kwargs are left out when empty, as Odoo's own clients do. */
    JsonNode executeKw(String model, String method, List<?> args, Map<String, ?> kwargs) {
        List<Object> params = new ArrayList<>(List.of(
                properties.database(), authenticate(), properties.apiKey(), model, method, args));
        if (kwargs != null && !kwargs.isEmpty()) {
            params.add(kwargs);
        }
        try {
            return send("object", "execute_kw", params, model + "." + method);
        } catch (OdooAccessException e) {
            if (e.isLoginRefused()) {
                // The key may have been rotated; the next call logs in again instead of failing forever.
                uid = null;
            }
            throw e;
        }
    }

    JsonNode searchRead(String model, List<?> domain, List<String> fields, Integer limit, int offset, String order) {
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

    JsonNode searchRead(String model, List<?> domain, List<String> fields) {
        return searchRead(model, domain, fields, null, 0, null);
    }

    /** search_read with {@code [[field, "in", values]]}, one call per batch of values. */
    JsonNode searchReadIn(String model, String field, Collection<?> values, List<String> fields) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (List<?> batch : batches(List.copyOf(values))) {
            all.addAll((ArrayNode) searchRead(model, List.of(List.of(field, "in", batch)), fields));
        }
        return all;
    }

    /** read, one call per batch of ids; ids that do not exist are silently absent (Odoo's behaviour). */
    JsonNode read(String model, Collection<Integer> ids, List<String> fields) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (List<Integer> batch : batches(List.copyOf(ids))) {
            all.addAll((ArrayNode) executeKw(model, "read", List.of(batch), Map.of("fields", fields)));
        }
        return all;
    }

    int create(String model, Map<String, ?> vals) {
        JsonNode id = executeKw(model, "create", List.of(vals), null);
        if (!id.isIntegralNumber()) {
            throw new OdooProtocolException(model + ".create answered " + id.getNodeType() + " instead of an id", null);
        }
        return id.intValue();
    }

    void write(String model, Collection<Integer> ids, Map<String, ?> vals) {
        executeKw(model, "write", List.of(List.copyOf(ids), vals), null);
    }

    /** A public method on records ({@code action_confirm}, {@code button_validate}, ...), with an optional context. */
    JsonNode call(String model, String method, Collection<Integer> ids, Map<String, ?> context) {
        return executeKw(model, method, List.of(List.copyOf(ids)),
                context == null || context.isEmpty() ? null : Map.of("context", context));
    }

    private <T> List<List<T>> batches(List<T> items) {
        int size = Math.max(1, properties.batchSize());
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }

    /** Logs which call is made, never its arguments: they carry the API key, and results carry prices. */
    private JsonNode send(String service, String method, List<?> args, String what) {
        long id = requestIds.incrementAndGet();
        long started = System.nanoTime();
        log.debug("Odoo #{} {} ...", id, what);
        JsonNode answer;
        try {
            answer = rpc.call(OdooRpc.Request.call(id, service, method, args));
        } catch (OdooException e) {
            throw e;
        } catch (RetryableException e) {
            // Connection refused, reset, timeout: Feign wraps the IOException.
            throw new OdooTransportException(what + ": " + e.getMessage(), e);
        } catch (FeignException e) {
            throw new OdooProtocolException(what + ": the answer is not JSON-RPC: " + e.getMessage(), e);
        }
        log.debug("Odoo #{} {} answered in {} ms", id, what, (System.nanoTime() - started) / 1_000_000);
        if (answer == null || !answer.isObject()) {
            throw new OdooProtocolException(what + ": the answer is not a JSON-RPC object", null);
        }
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            throw OdooException.fromRpcError(what, error);
        }
        if (!answer.has("result")) {
            throw new OdooProtocolException(what + ": the answer has neither result nor error", null);
        }
        return answer.get("result");
    }
}
