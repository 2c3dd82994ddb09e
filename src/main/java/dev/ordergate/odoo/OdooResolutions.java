package dev.ordergate.odoo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.order.TransactionKept;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where an order's resolution against Odoo is kept (table {@code app.odoo_resolved_orders}, V61), keyed by the
 * order's business key. {@link #none()} keeps nothing, so every step asks Odoo as it did before orders were
 * resolved once: the odoo package on its own (its protocol tests) runs without our database.
 */
interface OdooResolutions {

    Optional<OdooRecords.Resolution> find(String businessKey);

    void save(String businessKey, OdooRecords.Resolution resolution);

    /** The Odoo sales order the commit created or found for the order, if it was kept. */
    Optional<Integer> salesOrderId(String businessKey);

    /** Keeps the sales order's id with the order's resolution (an order never resolved keeps nothing). */
    void salesOrderId(String businessKey, int salesOrderId);

    /**
     * Records, in a transaction of its own that holds even when the caller's rolls back, that a write of {@code step}
     * is about to go to Odoo for the order; true when none was on record, so nothing of it can be in Odoo yet.
     */
    boolean firstAttempt(String businessKey, String step);

    static OdooResolutions none() {
        return new OdooResolutions() {
            @Override
            public Optional<OdooRecords.Resolution> find(String businessKey) {
                return Optional.empty();
            }

            @Override
            public void save(String businessKey, OdooRecords.Resolution resolution) {
                // nowhere to keep it: the next step resolves again
            }

            @Override
            public Optional<Integer> salesOrderId(String businessKey) {
                return Optional.empty();
            }

            @Override
            public void salesOrderId(String businessKey, int salesOrderId) {
                // nowhere to keep it: the next step finds the order by its business key
            }

            @Override
            public boolean firstAttempt(String businessKey, String step) {
                // nothing on record, so an earlier attempt cannot be ruled out: search as before
                return false;
            }
        };
    }

    /**
     * The resolution in our own table, as JSON: the ids and names only Odoo's adapters read. Within one transaction
     * (a job runs several steps) the row is read once and kept with the transaction: every step of the job asked for
     * it again (17 reads per order, docs/benchmarks.md). Only the order's own steps write it, one job at a time.
     */
    final class Jdbc implements OdooResolutions {

        /** The row as this transaction knows it; no resolution: the order has no row. */
        private record Row(Optional<OdooRecords.Resolution> resolution, Integer salesOrderId) {
        }

        private static final TypeReference<List<OdooRecords.Partner>> PARTNERS = new TypeReference<>() {
        };
        private static final TypeReference<LinkedHashMap<String, OdooRecords.Product>> PRODUCTS = new TypeReference<>() {
        };

        private final JdbcClient jdbc;
        private final ObjectMapper json;
        private final Clock clock;
        private final TransactionTemplate ownTransaction;
        private final TransactionKept<String, Row> kept = new TransactionKept<>();

        Jdbc(JdbcClient jdbc, ObjectMapper json, Clock clock, PlatformTransactionManager transactions) {
            this.jdbc = jdbc;
            this.json = json;
            this.clock = clock;
            this.ownTransaction = new TransactionTemplate(transactions);
            this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }

        @Override
        public Optional<OdooRecords.Resolution> find(String businessKey) {
            return row(businessKey).resolution();
        }

        private Row row(String businessKey) {
            return kept.get(businessKey, this::read);
        }

        private Row read(String businessKey) {
            return jdbc.sql("""
                            SELECT partners, products, sale_order_id FROM app.odoo_resolved_orders WHERE business_key = :key
                            """)
                    .param("key", businessKey)
                    .query((rs, n) -> new Row(Optional.of(new OdooRecords.Resolution(
                            rs.getString("partners") == null ? null : read(rs.getString("partners"), PARTNERS),
                            read(rs.getString("products"), PRODUCTS))), (Integer) rs.getObject("sale_order_id")))
                    .optional().orElse(new Row(Optional.empty(), null));
        }

        /** Last writer wins: a resolution is only ever replaced by a fresher one of the same order. */
        @Override
        public void save(String businessKey, OdooRecords.Resolution resolution) {
            String partners = resolution.partners() == null ? null : write(resolution.partners());
            String products = write(resolution.products());
            int updated = jdbc.sql("""
                    UPDATE app.odoo_resolved_orders SET partners = :partners, products = :products, resolved_at = :at
                    WHERE business_key = :key
                    """).param("partners", partners).param("products", products)
                    .param("at", OffsetDateTime.now(clock)).param("key", businessKey).update();
            if (updated == 0) {
                jdbc.sql("""
                        INSERT INTO app.odoo_resolved_orders (business_key, partners, products, resolved_at)
                        VALUES (:key, :partners, :products, :at)
                        """).param("partners", partners).param("products", products)
                        .param("at", OffsetDateTime.now(clock)).param("key", businessKey).update();
            }
            Integer salesOrderId = kept.peek(businessKey).map(Row::salesOrderId).orElse(null);
            kept.keep(businessKey, new Row(Optional.of(resolution), salesOrderId));
        }

        @Override
        public Optional<Integer> salesOrderId(String businessKey) {
            return Optional.ofNullable(row(businessKey).salesOrderId());
        }

        @Override
        public void salesOrderId(String businessKey, int salesOrderId) {
            int updated = jdbc.sql("UPDATE app.odoo_resolved_orders SET sale_order_id = :id WHERE business_key = :key")
                    .param("id", salesOrderId).param("key", businessKey).update();
            // A row this transaction did not read may have been written by another: read it again when asked.
            Optional<Row> known = kept.peek(businessKey);
            if (updated == 0 || known.isEmpty()) {
                kept.forget(businessKey);
            } else {
                kept.keep(businessKey, new Row(known.get().resolution(), salesOrderId));
            }
        }

        /**
         * Committed before the write goes out: a job that dies after Odoo answered (or without an answer) rolls its own
         * transaction back, but the retry still sees the attempt. Two nodes recording the same first attempt at once
         * collide on the key; the loser fails and retries, then sees the attempt and searches.
         */
        @Override
        public boolean firstAttempt(String businessKey, String step) {
            return Boolean.TRUE.equals(ownTransaction.execute(status -> {
                boolean known = jdbc.sql("SELECT COUNT(*) FROM app.odoo_attempts WHERE business_key = :key AND step = :step")
                        .param("key", businessKey).param("step", step).query(Integer.class).single() > 0;
                if (!known) {
                    jdbc.sql("""
                            INSERT INTO app.odoo_attempts (business_key, step, attempted_at) VALUES (:key, :step, :at)
                            """).param("key", businessKey).param("step", step).param("at", OffsetDateTime.now(clock))
                            .update();
                }
                return !known;
            }));
        }

        private <T> T read(String text, TypeReference<T> type) {
            try {
                return json.readValue(text, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable resolved order in app.odoo_resolved_orders", e);
            }
        }

        private String write(Object value) {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Resolved order not writable as JSON", e);
            }
        }
    }
}
