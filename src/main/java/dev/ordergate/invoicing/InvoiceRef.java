package dev.ordergate.invoicing;

import java.math.BigDecimal;

/** A posted invoice: its number (e.g. {@code INV/2026/00005}) and total. */
public record InvoiceRef(String number, BigDecimal amountTotal) {
}
