package dev.ordergate.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Our own order store. The process keeps only the order id; everything else is read from here. */
@Repository
public class Orders {

    private static final String SELECT = """
            SELECT id, business_key, document, status, status_reason, sales_order_ref, invoice_ref,
                   process_instance_id, region, created_at, updated_at
              FROM app.orders
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** The order as the process's steps read it ({@link #get}), once per job's transaction; every write forgets it. */
    private final TransactionKept<String, OrderRecord> kept = new TransactionKept<>();

    public Orders(JdbcClient jdbc, ObjectMapper json, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Stores a new order with its first milestone, and answers it as stored: the intake answers the channel from this,
     * without reading the row back. Its process is attached when it starts ({@link #attachProcess}).
     */
    public OrderRecord insert(String id, Order order, String requestHash, String region) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO app.orders (id, business_key, channel, channel_order_ref, customer_ref, request_hash,
                                        document, status, region, created_at, updated_at)
                VALUES (:id, :key, :channel, :ref, :customer, :hash, :document, :status, :region, :now, :now)
                """)
                .param("id", id)
                .param("key", order.businessKey())
                .param("channel", order.channel())
                .param("ref", order.channelOrderRef())
                .param("customer", order.customerRef())
                .param("hash", requestHash)
                .param("document", write(order))
                .param("status", OrderStatus.RECEIVED.name())
                .param("region", region)
                .param("now", now)
                .update();
        // A new order has no milestone yet: a plain insert, not the guarded one of later milestones.
        jdbc.sql("INSERT INTO app.order_milestones (order_id, milestone, reached_at) VALUES (:id, :milestone, :at)")
                .param("id", id).param("milestone", OrderStatus.RECEIVED.name()).param("at", now).update();
        events.publishEvent(new MilestoneReached(id, order.channel(), region, OrderStatus.RECEIVED, now, now,
                order.businessKey(), order.channelOrderRef(), null, null));
        return new OrderRecord(id, order.businessKey(), order, OrderStatus.RECEIVED, null, null, null, null,
                region, now, now, List.of(new OrderRecord.Milestone(OrderStatus.RECEIVED, null, now)));
    }

    /** The order's region; orders received before regions existed belong to {@code us}. */
    public Optional<String> region(String id) {
        return jdbc.sql("SELECT region FROM app.orders WHERE id = :id").param("id", id).query(String.class).optional();
    }

    public Optional<String> requestHash(String businessKey) {
        return jdbc.sql("SELECT request_hash FROM app.orders WHERE business_key = :key")
                .param("key", businessKey).query(String.class).optional();
    }

    public Optional<OrderRecord> find(String id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(this::summaryRow).optional()
                .map(this::withMilestones);
    }

    public Optional<OrderRecord> findByBusinessKey(String businessKey) {
        return jdbc.sql(SELECT + " WHERE business_key = :key").param("key", businessKey)
                .query(this::summaryRow).optional().map(this::withMilestones);
    }

    /**
     * The order as the process's steps need it, without its milestones (they are the channel's and the ops story's,
     * read by {@link #find}); fails loudly when the id is unknown, since the process only holds ids we gave it.
     */
    public OrderRecord get(String id) {
        return kept.get(id, this::readForSteps);
    }

    private OrderRecord readForSteps(String id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(this::summaryRow).optional()
                .orElseThrow(() -> new IllegalStateException("No order with id " + id));
    }

    public List<OrderRecord> list(OrderStatus status, int page, int size) {
        return list(status, null, page, size);
    }

    /** A page of the orders of these regions ({@code null}: of every region, and of none), newest first. */
    public List<OrderRecord> list(OrderStatus status, java.util.Set<String> regions, int page, int size) {
        var spec = jdbc.sql(SELECT + where(status, regions) + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", size).param("offset", (long) page * size);
        return filtered(spec, status, regions).query(this::summaryRow).list();
    }

    private static String where(OrderStatus status, java.util.Set<String> regions) {
        List<String> conditions = new java.util.ArrayList<>();
        if (status != null) {
            conditions.add("status = :status");
        }
        if (regions != null) {
            // No region at all: an empty IN () is not SQL, and such a caller sees no order.
            conditions.add(regions.isEmpty() ? "1 = 0" : "region IN (:regions)");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static org.springframework.jdbc.core.simple.JdbcClient.StatementSpec filtered(
            org.springframework.jdbc.core.simple.JdbcClient.StatementSpec spec, OrderStatus status,
            java.util.Set<String> regions) {
        if (status != null) {
            spec = spec.param("status", status.name());
        }
        if (regions != null && !regions.isEmpty()) {
            spec = spec.param("regions", List.copyOf(regions));
        }
        return spec;
    }

    /** Every order received in {@code [from, to)}, oldest first (the reconciliation report's period). */
    public List<OrderRecord> receivedBetween(OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql(SELECT + " WHERE created_at >= :from AND created_at < :to ORDER BY created_at, id")
                .param("from", from).param("to", to).query(this::summaryRow).list();
    }

    public long count(OrderStatus status) {
        return count(status, null);
    }

    public long count(OrderStatus status, java.util.Set<String> regions) {
        return filtered(jdbc.sql("SELECT COUNT(*) FROM app.orders" + where(status, regions)), status, regions)
                .query(Long.class).single();
    }

    /** Moves the order to a status and records the milestone once; a retried step records nothing new. */
    @Transactional
    public void advance(String id, OrderStatus status, String reason) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String clipped = Texts.clip(reason, 2000);
        jdbc.sql("UPDATE app.orders SET status = :status, status_reason = :reason, updated_at = :now WHERE id = :id")
                .param("status", status.name()).param("reason", clipped).param("now", now).param("id", id)
                .update();
        kept.peek(id).ifPresent(order -> kept.keep(id, order.withStatus(status, clipped, now)));
        if (insertMilestone(id, status, clipped, now)) {
            // The order's references from what this transaction keeps of it (read once here when it keeps nothing).
            OrderRecord order = get(id);
            events.publishEvent(new MilestoneReached(id, order.order().channel(), order.region(), status,
                    order.createdAt(), now, order.businessKey(), order.order().channelOrderRef(),
                    order.salesOrderRef(), order.invoiceRef()));
        }
    }

    /** The order with corrected lines (a reviewer's decision); the channel's request hash stays, so a resend is still recognised. */
    public void replaceLines(String id, List<OrderLine> lines) {
        OrderRecord known = get(id);
        Order corrected = known.order().withLines(lines);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("UPDATE app.orders SET document = :document, updated_at = :now WHERE id = :id")
                .param("document", write(corrected)).param("now", now).param("id", id).update();
        kept.keep(id, known.withOrder(corrected, now));
    }

    /** The process that carries the order, once it has started (the intake answers before it does). */
    public void attachProcess(String id, String processInstanceId) {
        jdbc.sql("UPDATE app.orders SET process_instance_id = :pi WHERE id = :id")
                .param("pi", processInstanceId).param("id", id).update();
        kept.forget(id);
    }

    @Transactional
    public void recordSalesOrder(String id, String salesOrderRef) {
        jdbc.sql("UPDATE app.orders SET sales_order_ref = :ref WHERE id = :id")
                .param("ref", salesOrderRef).param("id", id).update();
        kept.peek(id).ifPresent(order -> kept.keep(id, order.withSalesOrderRef(salesOrderRef)));
        advance(id, OrderStatus.COMMITTED, salesOrderRef);
    }

    /** Records an invoice of the order (one of several when invoicing per shipment); the order shows the latest. */
    @Transactional
    public void recordInvoice(String id, String invoiceRef, BigDecimal amount) {
        jdbc.sql("UPDATE app.orders SET invoice_ref = :ref WHERE id = :id")
                .param("ref", invoiceRef).param("id", id).update();
        kept.peek(id).ifPresent(order -> kept.keep(id, order.withInvoiceRef(invoiceRef)));
        jdbc.sql("""
                INSERT INTO app.order_invoices (order_id, invoice_ref, amount, invoiced_at)
                SELECT :id, :ref, :amount, :now FROM (VALUES (1)) AS one(x)
                 WHERE NOT EXISTS (SELECT 1 FROM app.order_invoices WHERE order_id = :id AND invoice_ref = :ref)
                """)
                .param("id", id).param("ref", invoiceRef).param("amount", amount).param("now", OffsetDateTime.now(clock))
                .update();
        advance(id, OrderStatus.INVOICED, invoiceRef);
    }

    /** The invoice numbers recorded for the order, oldest first. */
    public List<String> invoiceRefs(String id) {
        return jdbc.sql("SELECT invoice_ref FROM app.order_invoices WHERE order_id = :id ORDER BY invoiced_at, invoice_ref")
                .param("id", id).query(String.class).list();
    }

    private boolean insertMilestone(String id, OrderStatus milestone, String detail, OffsetDateTime at) {
        return jdbc.sql("""
                INSERT INTO app.order_milestones (order_id, milestone, detail, reached_at)
                SELECT :id, :milestone, :detail, :at FROM (VALUES (1)) AS one(x)
                 WHERE NOT EXISTS (SELECT 1 FROM app.order_milestones WHERE order_id = :id AND milestone = :milestone)
                """)
                .param("id", id).param("milestone", milestone.name()).param("detail", detail).param("at", at)
                .update() == 1;
    }

    private OrderRecord summaryRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new OrderRecord(
                rs.getString("id"),
                rs.getString("business_key"),
                read(rs.getString("document")),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"),
                rs.getString("sales_order_ref"),
                rs.getString("invoice_ref"),
                rs.getString("process_instance_id"),
                rs.getString("region"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                List.of());
    }

    private OrderRecord withMilestones(OrderRecord r) {
        List<OrderRecord.Milestone> milestones = jdbc.sql("""
                        SELECT milestone, detail, reached_at FROM app.order_milestones
                         WHERE order_id = :id ORDER BY reached_at, milestone
                        """)
                .param("id", r.id())
                .query((rs, n) -> new OrderRecord.Milestone(OrderStatus.valueOf(rs.getString("milestone")),
                        rs.getString("detail"), rs.getObject("reached_at", OffsetDateTime.class)))
                .list();
        return new OrderRecord(r.id(), r.businessKey(), r.order(), r.status(), r.statusReason(), r.salesOrderRef(),
                r.invoiceRef(), r.processInstanceId(), r.region(), r.createdAt(), r.updatedAt(), milestones);
    }

    private String write(Order order) {
        try {
            return json.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Order could not be serialised", e);
        }
    }

    private Order read(String document) {
        try {
            return json.readValue(document, Order.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored order document is unreadable", e);
        }
    }
}
