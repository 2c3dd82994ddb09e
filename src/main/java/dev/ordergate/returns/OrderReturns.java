package dev.ordergate.returns;

import dev.ordergate.order.Texts;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Our returns store. The return's process keeps only the return's id; everything else is read from here. */
@Repository
class OrderReturns {

    private static final String SELECT = """
            SELECT id, order_id, return_ref, business_key, reason, status, status_reason, eligibility, odoo_receipts,
                   receipt_id, goods_condition, disposition, inspection_note, inspected_by, inspected_at,
                   credit_note_ref, credit_amount, process_instance_id, created_at, updated_at
              FROM app.order_returns
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    OrderReturns(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void insert(String id, String orderId, String returnRef, String businessKey, String requestHash, String reason,
                List<ReturnRecord.Line> lines) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO app.order_returns (id, order_id, return_ref, business_key, request_hash, reason, status,
                                               created_at, updated_at)
                VALUES (:id, :order, :ref, :key, :hash, :reason, :status, :now, :now)
                """)
                .param("id", id).param("order", orderId).param("ref", returnRef).param("key", businessKey)
                .param("hash", requestHash).param("reason", reason).param("status", ReturnStatus.REQUESTED.name())
                .param("now", now)
                .update();
        for (int i = 0; i < lines.size(); i++) {
            jdbc.sql("INSERT INTO app.order_return_lines (return_id, line_no, sku, quantity) VALUES (:id, :no, :sku, :qty)")
                    .param("id", id).param("no", i + 1).param("sku", lines.get(i).sku())
                    .param("qty", lines.get(i).quantity()).update();
        }
    }

    void attachProcess(String id, String processInstanceId) {
        jdbc.sql("UPDATE app.order_returns SET process_instance_id = :pi WHERE id = :id")
                .param("pi", processInstanceId).param("id", id).update();
    }

    Optional<ReturnRecord> find(String id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(this::row).optional().map(this::withLines);
    }

    /** The return; fails loudly when the id is unknown, since the process only holds ids we gave it. */
    ReturnRecord get(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("No return with id " + id));
    }

    Optional<ReturnRecord> findByRef(String orderId, String returnRef) {
        return jdbc.sql(SELECT + " WHERE order_id = :order AND return_ref = :ref")
                .param("order", orderId).param("ref", returnRef).query(this::row).optional().map(this::withLines);
    }

    Optional<String> requestHash(String orderId, String returnRef) {
        return jdbc.sql("SELECT request_hash FROM app.order_returns WHERE order_id = :order AND return_ref = :ref")
                .param("order", orderId).param("ref", returnRef).query(String.class).optional();
    }

    List<ReturnRecord> forOrder(String orderId) {
        return jdbc.sql(SELECT + " WHERE order_id = :order ORDER BY created_at, id").param("order", orderId)
                .query(this::row).list().stream().map(this::withLines).toList();
    }

    /** What the order's returns take back, by SKU; a refused return takes nothing. */
    Map<String, BigDecimal> returnedBySku(String orderId) {
        Map<String, BigDecimal> returned = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT l.sku, l.quantity FROM app.order_return_lines l
                  JOIN app.order_returns r ON r.id = l.return_id
                 WHERE r.order_id = :order AND r.status <> :refused
                """)
                .param("order", orderId).param("refused", ReturnStatus.REFUSED.name())
                .query((rs, n) -> Map.entry(rs.getString("sku"), rs.getBigDecimal("quantity"))).list()
                .forEach(e -> returned.merge(e.getKey(), e.getValue(), BigDecimal::add));
        return returned;
    }

    /** What the order's credited returns took back, by SKU: the quantities a credit note in Odoo stands for. */
    Map<String, BigDecimal> creditedBySku(String orderId) {
        Map<String, BigDecimal> credited = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT l.sku, l.quantity FROM app.order_return_lines l
                  JOIN app.order_returns r ON r.id = l.return_id
                 WHERE r.order_id = :order AND r.status = :credited
                """)
                .param("order", orderId).param("credited", ReturnStatus.CREDITED.name())
                .query((rs, n) -> Map.entry(rs.getString("sku"), rs.getBigDecimal("quantity"))).list()
                .forEach(e -> credited.merge(e.getKey(), e.getValue(), BigDecimal::add));
        return credited;
    }

    void advance(String id, ReturnStatus status, String reason) {
        jdbc.sql("UPDATE app.order_returns SET status = :status, status_reason = :reason, updated_at = :now WHERE id = :id")
                .param("status", status.name()).param("reason", Texts.clip(reason, 2000))
                .param("now", OffsetDateTime.now(clock)).param("id", id).update();
    }

    void recordEligibility(String id, String eligibility, String reason) {
        jdbc.sql("UPDATE app.order_returns SET eligibility = :eligibility WHERE id = :id")
                .param("eligibility", eligibility).param("id", id).update();
        advance(id, "customer-service".equals(eligibility) ? ReturnStatus.AWAITING_APPROVAL
                : "refuse".equals(eligibility) ? ReturnStatus.REQUESTED : ReturnStatus.APPROVED, reason);
    }

    void recordOdooReceipts(String id, List<String> receipts) {
        jdbc.sql("UPDATE app.order_returns SET odoo_receipts = :receipts WHERE id = :id")
                .param("receipts", Texts.clip(String.join(", ", receipts), 500)).param("id", id).update();
    }

    void recordReceipt(String id, String receiptId) {
        jdbc.sql("UPDATE app.order_returns SET receipt_id = :receipt WHERE id = :id")
                .param("receipt", receiptId).param("id", id).update();
    }

    void recordInspection(String id, String condition, String disposition, String note, String inspectedBy) {
        jdbc.sql("""
                UPDATE app.order_returns SET goods_condition = :condition, disposition = :disposition,
                       inspection_note = :note, inspected_by = :by, inspected_at = :now, updated_at = :now
                 WHERE id = :id
                """)
                .param("condition", condition).param("disposition", disposition).param("note", Texts.clip(note, 2000))
                .param("by", inspectedBy).param("now", OffsetDateTime.now(clock)).param("id", id).update();
    }

    void recordCredit(String id, String creditNoteRef, BigDecimal amount) {
        jdbc.sql("UPDATE app.order_returns SET credit_note_ref = :ref, credit_amount = :amount WHERE id = :id")
                .param("ref", creditNoteRef).param("amount", amount).param("id", id).update();
        advance(id, ReturnStatus.CREDITED, creditNoteRef);
    }

    /** 2.0000 as 2, and 10 as 10 rather than 1E+1. */
    static BigDecimal plain(BigDecimal quantity) {
        return new BigDecimal(quantity.stripTrailingZeros().toPlainString());
    }


    private ReturnRecord row(ResultSet rs, int n) throws SQLException {
        ReturnRecord.Inspection inspection = rs.getString("disposition") == null ? null
                : new ReturnRecord.Inspection(rs.getString("goods_condition"), rs.getString("disposition"),
                rs.getString("inspection_note"), rs.getString("inspected_by"),
                rs.getObject("inspected_at", OffsetDateTime.class));
        return new ReturnRecord(rs.getString("id"), rs.getString("order_id"), rs.getString("return_ref"),
                rs.getString("business_key"), rs.getString("reason"), ReturnStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), rs.getString("eligibility"), List.of(), rs.getString("odoo_receipts"),
                rs.getString("receipt_id"), inspection, rs.getString("credit_note_ref"), rs.getBigDecimal("credit_amount"),
                rs.getString("process_instance_id"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    private ReturnRecord withLines(ReturnRecord r) {
        List<ReturnRecord.Line> lines = jdbc.sql(
                        "SELECT sku, quantity FROM app.order_return_lines WHERE return_id = :id ORDER BY line_no")
                .param("id", r.id())
                .query((rs, n) -> new ReturnRecord.Line(rs.getString("sku"), plain(rs.getBigDecimal("quantity"))))
                .list();
        return new ReturnRecord(r.id(), r.orderId(), r.returnRef(), r.businessKey(), r.reason(), r.status(),
                r.statusReason(), r.eligibility(), lines, r.odooReceipts(), r.receiptId(), r.inspection(),
                r.creditNoteRef(), r.creditAmount(), r.processInstanceId(), r.createdAt(), r.updatedAt());
    }
}
