package dev.ordergate.order;

import java.time.OffsetDateTime;
import java.util.List;

/** An order as we keep it: the channel's document plus what has happened to it. */
public record OrderRecord(
        String id,
        String businessKey,
        Order order,
        OrderStatus status,
        String statusReason,
        String salesOrderRef,
        String invoiceRef,
        String processInstanceId,
        /* The regional business unit the order belongs to (bpmn/order-region.dmn, docs/regions.md). */
        String region,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        List<Milestone> milestones) {

    public record Milestone(OrderStatus milestone, String detail, OffsetDateTime reachedAt) {
    }

    OrderRecord withStatus(OrderStatus newStatus, String reason, OffsetDateTime at) {
        return new OrderRecord(id, businessKey, order, newStatus, reason, salesOrderRef, invoiceRef, processInstanceId,
                region, createdAt, at, milestones);
    }

    OrderRecord withOrder(Order corrected, OffsetDateTime at) {
        return new OrderRecord(id, businessKey, corrected, status, statusReason, salesOrderRef, invoiceRef,
                processInstanceId, region, createdAt, at, milestones);
    }

    OrderRecord withSalesOrderRef(String ref) {
        return new OrderRecord(id, businessKey, order, status, statusReason, ref, invoiceRef, processInstanceId, region,
                createdAt, updatedAt, milestones);
    }

    OrderRecord withInvoiceRef(String ref) {
        return new OrderRecord(id, businessKey, order, status, statusReason, salesOrderRef, ref, processInstanceId,
                region, createdAt, updatedAt, milestones);
    }
}
