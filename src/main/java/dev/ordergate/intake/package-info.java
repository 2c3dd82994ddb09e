/** The channels' door on top of the capabilities: receiving an order exactly once and starting its process, and an order's details with its reviews and returns. */
package dev.ordergate.intake;
