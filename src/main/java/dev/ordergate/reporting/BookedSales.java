package dev.ordergate.reporting;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/** The sales the books (Odoo) hold for our orders: sales orders by our business key, with their invoices. */
public interface BookedSales {

    /** Every booked sales order whose external reference is one of these keys (several per key if the books have them). */
    List<BookedOrder> ordersFor(Collection<String> businessKeys);

    record BookedOrder(String businessKey, String name, String state, String currency, BigDecimal amountUntaxed,
                       BigDecimal amountTotal, List<BookedInvoice> invoices) {
    }

    /** {@code refund} is a credit note: its amounts count against the invoiced total. */
    record BookedInvoice(String name, String state, boolean refund, BigDecimal amountUntaxed, BigDecimal amountTotal) {
    }
}
