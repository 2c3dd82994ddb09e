package dev.ordergate.sandbox;

/** A sales order as the simulated Odoo holds it, for tests that assert on what reached Odoo. */
public record SandboxSaleOrder(int id, String name, String state, String clientOrderRef, double amountTotal) {
}
