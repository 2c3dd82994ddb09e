/** The ERP's customer invoices for what was delivered. */
package dev.ordergate.invoicing;
