package dev.ordergate.returns;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** A return as we keep it: the channel's request and what has happened to it. */
record ReturnRecord(
        String id,
        String orderId,
        String returnRef,
        String businessKey,
        String reason,
        ReturnStatus status,
        String statusReason,
        String eligibility,
        List<Line> lines,
        String odooReceipts,
        String receiptId,
        Inspection inspection,
        String creditNoteRef,
        BigDecimal creditAmount,
        String processInstanceId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    record Line(String sku, BigDecimal quantity) {
    }

    /** The inspector's findings: the goods' condition, restock or scrap, a note, who and when. */
    record Inspection(String condition, String disposition, String note, String inspectedBy, OffsetDateTime inspectedAt) {
    }
}
