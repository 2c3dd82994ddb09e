package dev.ordergate.order;

import java.time.OffsetDateTime;

/**
 * Published once when an order first reaches a milestone, for whoever measures the way through (ops) or tells the
 * channel (the status events). It carries the order's references as they stand in the transaction that moved it, so
 * a listener writes its row without reading the order again.
 */
public record MilestoneReached(String orderId, String channel, String region, OrderStatus milestone,
                               OffsetDateTime receivedAt, OffsetDateTime reachedAt, String businessKey,
                               String channelOrderRef, String salesOrderRef, String invoiceRef) {
}
