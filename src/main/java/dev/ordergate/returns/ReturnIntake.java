package dev.ordergate.returns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ordergate.fulfillment.Shipments;
import dev.ordergate.order.OrderNotFoundException;
import dev.ordergate.region.Regions;
import dev.ordergate.web.InvalidRequestException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receiving a return request: check it against what was shipped and what other returns already take back, store
 * it and start its process, all in one transaction under the order's row lock, so two requests at once cannot
 * together return more than was shipped. The same request again answers the existing return; the same return
 * reference with another body is a conflict.
 */
@Service
class ReturnIntake {

    static final String PROCESS_KEY = "order-return";
    static final String RETURN_ID = "returnId";
    static final String ORDER_ID = "orderId";

    private final OrderReturns returns;
    private final Shipments shipments;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final ObjectMapper canonical;

    ReturnIntake(OrderReturns returns, Shipments shipments, RuntimeService runtime, TransactionTemplate tx,
                 JdbcClient jdbc, ObjectMapper json) {
        this.returns = returns;
        this.shipments = shipments;
        this.runtime = runtime;
        this.tx = tx;
        this.jdbc = jdbc;
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    record Request(String returnRef, List<ReturnRecord.Line> lines, String reason) {
    }

    record Receipt(ReturnRecord ret, boolean created) {
    }

    /** The order has shipped nothing yet: there is nothing to return. */
    static class NotShippedException extends RuntimeException {
        NotShippedException(String orderId) {
            super("Order " + orderId + " has not shipped anything yet; cancel it instead of returning it");
        }
    }

    /** The return reference is taken on this order by a request with other content. */
    static class ConflictException extends RuntimeException {
        ConflictException(String returnRef) {
            super("Return " + returnRef + " was already requested on this order with different content");
        }
    }

    Receipt receive(String orderId, Request request) {
        String hash = hash(request);
        return tx.execute(status -> {
            // The order's row lock puts concurrent returns of one order in a line (Shipments takes it too).
            List<String> keys = jdbc.sql("SELECT business_key FROM app.orders WHERE id = :id FOR UPDATE")
                    .param("id", orderId).query(String.class).list();
            if (keys.isEmpty()) {
                throw new OrderNotFoundException(orderId);
            }
            var stored = returns.requestHash(orderId, request.returnRef());
            if (stored.isPresent()) {
                if (!stored.get().equals(hash)) {
                    throw new ConflictException(request.returnRef());
                }
                return new Receipt(returns.findByRef(orderId, request.returnRef()).orElseThrow(), false);
            }
            String orderKey = keys.get(0);
            Map<String, BigDecimal> shipped = shipments.shippedBySku(orderKey);
            if (shipped.isEmpty()) {
                throw new NotShippedException(orderId);
            }
            check(request.lines(), shipped, returns.returnedBySku(orderId));

            String id = UUID.randomUUID().toString();
            String businessKey = orderKey + "/" + request.returnRef();
            returns.insert(id, orderId, request.returnRef(), businessKey, hash, request.reason(), request.lines());
            // The first step is asynchronous, so starting only writes the process's first job.
            // The return runs in the order's region, so its Odoo calls reach the order's company.
            String region = jdbc.sql("SELECT region FROM app.orders WHERE id = :id").param("id", orderId)
                    .query(String.class).single();
            var instance = runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey,
                    Map.of(RETURN_ID, id, ORDER_ID, orderId, Regions.VARIABLE, region));
            returns.attachProcess(id, instance.getId());
            return new Receipt(returns.get(id), true);
        });
    }

    /** Each line names a shipped SKU and at most what is left of it after the other returns and earlier lines. */
    private static void check(List<ReturnRecord.Line> lines, Map<String, BigDecimal> shipped,
                              Map<String, BigDecimal> returned) {
        List<InvalidRequestException.Violation> violations = new ArrayList<>();
        Map<String, BigDecimal> asked = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            ReturnRecord.Line line = lines.get(i);
            BigDecimal sent = shipped.get(line.sku());
            if (sent == null) {
                violations.add(new InvalidRequestException.Violation("lines[%d].sku".formatted(i),
                        "'%s' was not shipped on this order (shipped: %s)".formatted(line.sku(), shipped.keySet())));
                continue;
            }
            BigDecimal taken = returned.getOrDefault(line.sku(), BigDecimal.ZERO)
                    .add(asked.getOrDefault(line.sku(), BigDecimal.ZERO));
            BigDecimal left = sent.subtract(taken).max(BigDecimal.ZERO);
            if (line.quantity().compareTo(left) > 0) {
                violations.add(new InvalidRequestException.Violation("lines[%d].quantity".formatted(i),
                        "%s of %s is more than can still be returned: shipped %s, already returned or being returned %s, so at most %s"
                                .formatted(plain(line.quantity()), line.sku(), plain(sent), plain(taken), plain(left))));
            }
            asked.merge(line.sku(), line.quantity(), BigDecimal::add);
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    private static String plain(BigDecimal quantity) {
        return OrderReturns.plain(quantity).toPlainString();
    }

    /** A digest of the request that ignores property order and trailing zeros (2 and 2.00 are the same). */
    private String hash(Request request) {
        Map<String, Object> canonicalForm = new LinkedHashMap<>();
        canonicalForm.put("returnRef", request.returnRef());
        canonicalForm.put("reason", request.reason());
        canonicalForm.put("lines", request.lines().stream()
                .map(l -> Map.of("sku", l.sku(), "quantity", plain(l.quantity()))).toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.writeValueAsString(canonicalForm).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot hash return request", e);
        }
    }
}
