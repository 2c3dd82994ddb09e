package dev.ordergate.invoicing;

/** How far the posted invoices of an order are paid. */
public enum PaymentState {
    /** No posted invoice yet. */
    NOT_INVOICED,
    NOT_PAID,
    /** Paid in part, or paid and waiting for the bank statement to confirm it. */
    PARTIAL,
    PAID,
    /** Credited in full by a credit note. */
    REVERSED
}
