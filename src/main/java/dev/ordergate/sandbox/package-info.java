/**
 * Simulated Odoo 18, credit, tax and WMS peers served in-process for the embedded default, seeded with
 * demo data (see {@code docs/sandbox.md}) and reached by the adapters over real HTTP.
 */
package dev.ordergate.sandbox;
