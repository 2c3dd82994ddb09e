/** The ERP's customer invoices for what was delivered, their credit notes and their payment state. */
package dev.ordergate.invoicing;
