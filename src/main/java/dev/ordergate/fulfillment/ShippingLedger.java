package dev.ordergate.fulfillment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.TransactionKept;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where each stocked product of an order stands between the ERP and the warehouse: ordered, cancelled (the customer
 * will not get it), released to the warehouse, shipped, and reported as a problem. Everything is derived from what
 * is stored (releases, the shipment inbox, cancelled quantities), so a retried step reads the same answer.
 */
@Service
class ShippingLedger {

    /** What the order still needs, by SKU. */
    enum Left { IN_WAREHOUSE, BACKORDER, NOTHING }

    /** One product's figures; {@code toRelease} is owed and neither shipped nor at the warehouse. */
    record Position(String sku, BigDecimal owed, BigDecimal shipped, BigDecimal inWarehouse, BigDecimal toRelease) {
    }

    private final JdbcClient jdbc;
    private final Shipments shipments;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionKept<String, Map<String, BigDecimal>> cancelledKept = new TransactionKept<>();
    private final TransactionKept<String, Map<String, BigDecimal>> releasedKept = new TransactionKept<>();

    ShippingLedger(JdbcClient jdbc, Shipments shipments, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.shipments = shipments;
        this.json = json;
        this.clock = clock;
    }

    /** The positions of the order's stocked products ({@code tracked}: services and the like are not followed). */
    List<Position> positions(Order order, Collection<String> tracked) {
        String key = order.businessKey();
        return reckon(order, tracked, new Facts(cancelled(key), shipments.takenBySku(key, false),
                shipments.takenBySku(key, true), released(key)));
    }

    /** What is stored about an order's goods, per SKU: cancelled, shipped, reported lost/damaged/refused, released. */
    record Facts(Map<String, BigDecimal> cancelled, Map<String, BigDecimal> shipped, Map<String, BigDecimal> failed,
                 Map<String, BigDecimal> released) {
    }

    /** Per tracked SKU: owed (ordered less cancelled), out, still at the warehouse, and what is left to release. */
    static List<Position> reckon(Order order, Collection<String> tracked, Facts facts) {
        Map<String, BigDecimal> ordered = new LinkedHashMap<>();
        order.lines().stream().filter(l -> tracked.contains(l.sku()))
                .forEach(l -> ordered.merge(l.sku(), l.quantity(), BigDecimal::add));
        List<Position> positions = new ArrayList<>();
        ordered.forEach((sku, quantity) -> {
            BigDecimal owed = quantity.subtract(facts.cancelled().getOrDefault(sku, BigDecimal.ZERO)).max(BigDecimal.ZERO);
            BigDecimal out = facts.shipped().getOrDefault(sku, BigDecimal.ZERO);
            BigDecimal atWarehouse = facts.released().getOrDefault(sku, BigDecimal.ZERO).subtract(out)
                    .subtract(facts.failed().getOrDefault(sku, BigDecimal.ZERO)).max(BigDecimal.ZERO);
            BigDecimal toRelease = owed.subtract(out).subtract(atWarehouse).max(BigDecimal.ZERO);
            positions.add(new Position(sku, owed, out, atWarehouse, toRelease));
        });
        return positions;
    }

    static Left left(List<Position> positions) {
        if (positions.stream().anyMatch(p -> p.inWarehouse().signum() > 0)) {
            return Left.IN_WAREHOUSE;
        }
        return positions.stream().anyMatch(p -> p.toRelease().signum() > 0) ? Left.BACKORDER : Left.NOTHING;
    }

    static String describe(Map<String, BigDecimal> quantities) {
        return quantities.entrySet().stream()
                .map(e -> e.getKey() + " x " + e.getValue().stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(", "));
    }

    /** The release ids sent for the order, oldest first. */
    List<String> releaseIds(String businessKey) {
        return jdbc.sql("SELECT release_id FROM app.warehouse_releases WHERE business_key = :key ORDER BY seq")
                .param("key", businessKey).query(String.class).list();
    }

    int nextReleaseSeq(String businessKey) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM app.warehouse_releases WHERE business_key = :key")
                .param("key", businessKey).query(Integer.class).single();
    }

    /**
     * The first release carries the business key itself (what the warehouse knew before releases were numbered), the
     * next ones {@code ~2}, {@code ~3}: a character that needs no escaping in the WMS's URLs.
     */
    static String releaseId(String businessKey, int seq) {
        return seq == 1 ? businessKey : businessKey + "~" + seq;
    }

    void recordRelease(String businessKey, int seq, List<OrderLine> lines) {
        releasedKept.forget(businessKey);
        jdbc.sql("""
                INSERT INTO app.warehouse_releases (release_id, business_key, seq, lines, released_at)
                VALUES (:id, :key, :seq, :lines, :now)
                """)
                .param("id", releaseId(businessKey, seq)).param("key", businessKey).param("seq", seq)
                .param("lines", write(lines)).param("now", OffsetDateTime.now(clock)).update();
    }

    /** Takes quantities off the order for good; the same source cancelling again changes nothing. */
    void cancel(String businessKey, String source, Map<String, BigDecimal> quantities, String reason) {
        cancelledKept.forget(businessKey);
        quantities.forEach((sku, quantity) -> {
            if (quantity.signum() > 0) {
                jdbc.sql("""
                        INSERT INTO app.cancelled_quantities (business_key, source, sku, quantity, reason, cancelled_at)
                        SELECT :key, :source, :sku, :quantity, :reason, :now FROM (VALUES (1)) AS one(x)
                         WHERE NOT EXISTS (SELECT 1 FROM app.cancelled_quantities
                                            WHERE business_key = :key AND source = :source AND sku = :sku)
                        """)
                        .param("key", businessKey).param("source", source).param("sku", sku).param("quantity", quantity)
                        .param("reason", reason).param("now", OffsetDateTime.now(clock)).update();
            }
        });
    }

    boolean anythingCancelled(String businessKey) {
        return jdbc.sql("SELECT COUNT(*) FROM app.cancelled_quantities WHERE business_key = :key")
                .param("key", businessKey).query(Long.class).single() > 0;
    }

    /** The quantities taken off the order, by SKU; read once per transaction, {@link #cancel} forgets them. */
    Map<String, BigDecimal> cancelled(String businessKey) {
        return cancelledKept.get(businessKey, key -> {
            Map<String, BigDecimal> cancelled = new LinkedHashMap<>();
            jdbc.sql("SELECT sku, quantity FROM app.cancelled_quantities WHERE business_key = :key")
                    .param("key", key)
                    .query((rs, n) -> Map.entry(rs.getString("sku"), rs.getBigDecimal("quantity"))).list()
                    .forEach(e -> cancelled.merge(e.getKey(), e.getValue(), BigDecimal::add));
            return Collections.unmodifiableMap(cancelled);
        });
    }

    /** The quantities released to the warehouse, by SKU; read once per transaction, {@link #recordRelease} forgets them. */
    private Map<String, BigDecimal> released(String businessKey) {
        return releasedKept.get(businessKey, key -> {
            Map<String, BigDecimal> released = new LinkedHashMap<>();
            jdbc.sql("SELECT lines FROM app.warehouse_releases WHERE business_key = :key").param("key", key)
                    .query(String.class).list()
                    .forEach(text -> read(text).forEach(l -> released.merge(l.sku(), l.quantity(), BigDecimal::add)));
            return Collections.unmodifiableMap(released);
        });
    }

    /** The order's lines cut to these quantities per SKU (first lines first); lines left with nothing are dropped. */
    static List<OrderLine> cut(Order order, Map<String, BigDecimal> quantities) {
        Map<String, BigDecimal> left = new LinkedHashMap<>(quantities);
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            BigDecimal available = left.getOrDefault(line.sku(), BigDecimal.ZERO);
            BigDecimal quantity = available.min(line.quantity());
            if (quantity.signum() > 0) {
                lines.add(new OrderLine(line.lineRef(), line.sku(), quantity, line.uom(), line.unitPrice(),
                        line.substitutedFor()));
                left.put(line.sku(), available.subtract(quantity));
            }
        }
        return lines;
    }

    static Set<String> skus(Order order) {
        return order.lines().stream().map(OrderLine::sku).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private String write(List<OrderLine> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<OrderLine> read(String text) {
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored release lines are unreadable", e);
        }
    }
}
