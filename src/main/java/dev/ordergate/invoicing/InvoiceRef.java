package dev.ordergate.invoicing;

import java.math.BigDecimal;

/** A posted invoice or credit note: its number (e.g. {@code INV/2026/00005}, {@code RINV/2026/00001}) and total. */
public record InvoiceRef(String number, BigDecimal amountTotal) {
}
