/** Prices: who decides them (the pricing authority port) and the gate that compares an order's prices with theirs. */
package dev.ordergate.pricing;
