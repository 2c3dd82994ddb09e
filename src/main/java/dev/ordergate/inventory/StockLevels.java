package dev.ordergate.inventory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read model of the WMS's stock ({@code app.stock_levels}), kept by its events and healed by the
 * reconciliation's snapshot. A level only ever moves forward in time: an event or snapshot older than what the
 * row already shows changes nothing, so events may arrive twice and in any order.
 */
@Repository
public class StockLevels {

    /** What became of a stock event. */
    public enum Outcome {
        /** The level now shows the event's figures. */
        APPLIED,
        /** The level already shows something newer; the event is kept but changes nothing. */
        STALE,
        /** The same event id with the same facts arrived before; nothing changes. */
        DUPLICATE,
        /** The event id arrived before with other facts; nothing changes. */
        CONFLICT
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    StockLevels(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the event and moves the level to its figures if it is the newest. A concurrent duplicate of the
     * same event id (or a concurrent first event of the same product and warehouse) fails on a key; the caller
     * asks again ({@link #receive}).
     */
    @Transactional
    public Outcome record(StockEvent event) {
        Optional<StockEvent> known = findEvent(event.eventId());
        if (known.isPresent()) {
            return known.get().sameFacts(event) ? Outcome.DUPLICATE : Outcome.CONFLICT;
        }
        boolean applied = moveForward(event.count(), event.occurredAt(), "event " + event.eventId());
        jdbc.sql("""
                INSERT INTO app.stock_events (event_id, sku, warehouse, on_hand, reserved, occurred_at, received_at, outcome)
                VALUES (:id, :sku, :warehouse, :onHand, :reserved, :occurredAt, :now, :outcome)
                """)
                .param("id", event.eventId()).param("sku", event.sku()).param("warehouse", event.warehouse())
                .param("onHand", event.onHand()).param("reserved", event.reserved())
                .param("occurredAt", event.occurredAt()).param("now", OffsetDateTime.now(clock))
                .param("outcome", (applied ? Outcome.APPLIED : Outcome.STALE).name())
                .update();
        return applied ? Outcome.APPLIED : Outcome.STALE;
    }

    public Optional<StockEvent> findEvent(String eventId) {
        return jdbc.sql("SELECT * FROM app.stock_events WHERE event_id = :id").param("id", eventId)
                .query((rs, n) -> new StockEvent(rs.getString("event_id"), rs.getString("sku"), rs.getString("warehouse"),
                        rs.getBigDecimal("on_hand"), rs.getBigDecimal("reserved"),
                        rs.getObject("occurred_at", OffsetDateTime.class)))
                .optional();
    }

    /**
     * Takes a full snapshot of the WMS's stock in the given warehouses as the level of every product it lists, and as
     * zero for every product of those warehouses it no longer lists, wherever the read model is older than the
     * snapshot; levels of other warehouses (another region's) are not touched. Answers how many levels changed.
     */
    @Transactional
    public int heal(WarehouseStock.Snapshot snapshot, java.util.function.Predicate<String> warehouses, String source) {
        int changed = 0;
        Map<StockCount.Key, StockCount> listed = new LinkedHashMap<>();
        snapshot.counts().forEach(c -> listed.put(c.key(), c));
        for (StockCount count : listed.values()) {
            Optional<StockCount> current = find(count.key());
            boolean differs = current.isEmpty() || current.get().onHand().compareTo(count.onHand()) != 0
                    || current.get().reserved().compareTo(count.reserved()) != 0;
            if (differs && moveForward(count, snapshot.asOf(), source)) {
                changed++;
            }
        }
        for (StockCount held : all().values()) {
            if (warehouses.test(held.warehouse()) && !listed.containsKey(held.key()) && (held.onHand().signum() != 0 || held.reserved().signum() != 0)
                    && moveForward(new StockCount(held.sku(), held.warehouse(), BigDecimal.ZERO, BigDecimal.ZERO),
                            snapshot.asOf(), source)) {
                changed++;
            }
        }
        return changed;
    }

    public Optional<StockCount> find(StockCount.Key key) {
        return jdbc.sql("SELECT * FROM app.stock_levels WHERE sku = :sku AND warehouse = :warehouse")
                .param("sku", key.sku()).param("warehouse", key.warehouse())
                .query((rs, n) -> new StockCount(rs.getString("sku"), rs.getString("warehouse"),
                        rs.getBigDecimal("on_hand"), rs.getBigDecimal("reserved")))
                .optional();
    }

    public Map<StockCount.Key, StockCount> all() {
        Map<StockCount.Key, StockCount> levels = new LinkedHashMap<>();
        jdbc.sql("SELECT sku, warehouse, on_hand, reserved FROM app.stock_levels ORDER BY sku, warehouse")
                .query((rs, n) -> new StockCount(rs.getString("sku"), rs.getString("warehouse"),
                        rs.getBigDecimal("on_hand"), rs.getBigDecimal("reserved")))
                .list().forEach(c -> levels.put(c.key(), c));
        return levels;
    }

    /** Free quantity (on hand minus reserved) per SKU over all warehouses; a SKU with no level is absent. */
    public Map<String, BigDecimal> freeBySku(Collection<String> skus) {
        Map<String, BigDecimal> free = new LinkedHashMap<>();
        if (skus.isEmpty()) {
            return free;
        }
        jdbc.sql("SELECT sku, SUM(on_hand - reserved) AS free FROM app.stock_levels WHERE sku IN (:skus) GROUP BY sku")
                .param("skus", Set.copyOf(skus))
                .query((rs, n) -> Map.entry(rs.getString("sku"), rs.getBigDecimal("free")))
                .list().forEach(e -> free.put(e.getKey(), e.getValue()));
        return free;
    }

    /** Sets the level to these figures if what it shows is older than {@code asOf}; answers whether it did. */
    private boolean moveForward(StockCount count, OffsetDateTime asOf, String source) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("""
                UPDATE app.stock_levels SET on_hand = :onHand, reserved = :reserved, source = :source, as_of = :asOf,
                       updated_at = :now
                WHERE sku = :sku AND warehouse = :warehouse AND as_of < :asOf
                """)
                .param("onHand", count.onHand()).param("reserved", count.reserved()).param("source", source)
                .param("asOf", asOf).param("now", now).param("sku", count.sku()).param("warehouse", count.warehouse())
                .update();
        if (updated > 0) {
            return true;
        }
        if (find(count.key()).isPresent()) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO app.stock_levels (sku, warehouse, on_hand, reserved, source, as_of, updated_at)
                VALUES (:sku, :warehouse, :onHand, :reserved, :source, :asOf, :now)
                """)
                .param("sku", count.sku()).param("warehouse", count.warehouse()).param("onHand", count.onHand())
                .param("reserved", count.reserved()).param("source", source).param("asOf", asOf).param("now", now)
                .update();
        return true;
    }
}
