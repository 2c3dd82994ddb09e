/** Odoo behind our ports: a JSON-RPC client with one error taxonomy, and the adapters that speak Odoo's models for master data, prices, stock, sales orders, deliveries and invoices. */
package dev.ordergate.odoo;
