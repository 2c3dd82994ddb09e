/** The channels' door on top of the capabilities: receiving an order exactly once (its process starts right after the answer, order.OrderStarts), and an order's details with its reviews and returns. */
package dev.ordergate.intake;
