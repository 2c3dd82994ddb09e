/** Reports across systems: the revenue reconciliation of the channels' orders against Odoo's sales orders and invoices. */
package dev.ordergate.reporting;
