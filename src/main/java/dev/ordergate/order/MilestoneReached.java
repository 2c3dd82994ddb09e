package dev.ordergate.order;

import java.time.OffsetDateTime;

/** Published once when an order first reaches a milestone, for whoever measures the way through (ops). */
public record MilestoneReached(String orderId, String channel, String region, OrderStatus milestone,
                               OffsetDateTime receivedAt, OffsetDateTime reachedAt) {
}
