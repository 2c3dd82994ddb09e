package dev.ordergate.reporting;

import dev.ordergate.order.OrderRecord;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The channels' orders of a period against the books: for each order our amount (before tax), Odoo's sales order
 * and its untaxed amount, the posted invoices net of credit notes, and what does not match. Odoo is read in
 * batches of keys, never once per order.
 */
@Service
public class RevenueReconciliation {

    /** Amounts that differ by less than a cent are the same (Odoo rounds per line). */
    static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    /** Statuses at which the order has been committed to Odoo. */
    private static final Set<OrderStatus> COMMITTED = EnumSet.of(OrderStatus.COMMITTED, OrderStatus.RELEASED,
            OrderStatus.SHIPPED, OrderStatus.INVOICED, OrderStatus.COMPLETED);
    private static final Set<OrderStatus> INVOICED = EnumSet.of(OrderStatus.INVOICED, OrderStatus.COMPLETED);

    public enum Issue {
        MISSING_IN_ODOO, DUPLICATE_IN_ODOO, SALES_ORDER_REF_DIFFERS, CURRENCY_DIFFERS, AMOUNT_DIFFERS,
        CANCELLED_IN_ODOO_ONLY, CANCELLED_HERE_ONLY, NOT_INVOICED, INVOICED_TWICE, INVOICE_AMOUNT_DIFFERS,
        INVOICE_REF_DIFFERS
    }

    public record Line(String orderId, String channel, String channelOrderRef, String businessKey, OffsetDateTime receivedAt,
                       OrderStatus status, String currency, BigDecimal amount, String salesOrderRef, String odooOrderRef,
                       String odooState, BigDecimal odooAmountUntaxed, BigDecimal odooAmountTotal, String invoiceRef,
                       List<String> odooInvoiceRefs, BigDecimal invoicedUntaxed, BigDecimal invoicedTotal,
                       BigDecimal difference, String result, List<Issue> issues) {
    }

    /** Per channel and currency: how many orders, how many do not match, and the sums on both sides. */
    public record Total(String channel, String currency, int orders, int withIssues, BigDecimal amount,
                        BigDecimal odooAmountUntaxed, BigDecimal invoicedUntaxed, BigDecimal difference) {
    }

    public record Report(LocalDate from, LocalDate to, int orders, int withIssues, List<Total> totals, List<Line> lines) {
    }

    private final Orders orders;
    private final BookedSales books;

    RevenueReconciliation(Orders orders, BookedSales books) {
        this.orders = orders;
        this.books = books;
    }

    /** Orders received from {@code from} to {@code to}, both days included (UTC). */
    public Report report(LocalDate from, LocalDate to) {
        List<OrderRecord> received = orders.receivedBetween(from.atStartOfDay().atOffset(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        Map<String, List<BookedSales.BookedOrder>> booked = new LinkedHashMap<>();
        for (BookedSales.BookedOrder o : books.ordersFor(received.stream().map(OrderRecord::businessKey).toList())) {
            booked.computeIfAbsent(o.businessKey(), k -> new ArrayList<>()).add(o);
        }
        List<Line> lines = received.stream().map(r -> line(r, booked.getOrDefault(r.businessKey(), List.of()))).toList();
        Map<String, Total> totals = new LinkedHashMap<>();
        for (Line l : lines) {
            totals.merge(l.channel() + "\u0000" + l.currency(), new Total(l.channel(), l.currency(), 1,
                    l.issues().isEmpty() ? 0 : 1, l.amount(), zeroIfNull(l.odooAmountUntaxed()), l.invoicedUntaxed(),
                    l.difference()), RevenueReconciliation::add);
        }
        return new Report(from, to, lines.size(), (int) lines.stream().filter(l -> !l.issues().isEmpty()).count(),
                List.copyOf(totals.values()), lines);
    }

    static Line line(OrderRecord r, List<BookedSales.BookedOrder> booked) {
        BigDecimal amount = r.order().submittedTotal();
        List<Issue> issues = new ArrayList<>();
        List<BookedSales.BookedOrder> live = booked.stream().filter(o -> !"cancel".equals(o.state())).toList();
        BookedSales.BookedOrder chosen = !live.isEmpty() ? live.get(0) : booked.isEmpty() ? null : booked.get(0);
        if (chosen == null && (COMMITTED.contains(r.status()) || r.salesOrderRef() != null)) {
            issues.add(Issue.MISSING_IN_ODOO);
        }
        if (live.size() > 1) {
            issues.add(Issue.DUPLICATE_IN_ODOO);
        }
        BigDecimal invoicedUntaxed = BigDecimal.ZERO;
        BigDecimal invoicedTotal = BigDecimal.ZERO;
        List<String> invoiceRefs = new ArrayList<>();
        if (chosen != null) {
            if (r.salesOrderRef() != null && !r.salesOrderRef().equals(chosen.name())) {
                issues.add(Issue.SALES_ORDER_REF_DIFFERS);
            }
            if (chosen.currency() != null && !chosen.currency().equalsIgnoreCase(r.order().currency())) {
                issues.add(Issue.CURRENCY_DIFFERS);
            }
            boolean cancelledThere = "cancel".equals(chosen.state());
            boolean cancelledHere = r.status() == OrderStatus.CANCELLED;
            if (cancelledThere && !cancelledHere) {
                issues.add(Issue.CANCELLED_IN_ODOO_ONLY);
            } else if (cancelledHere && !cancelledThere) {
                issues.add(Issue.CANCELLED_HERE_ONLY);
            }
            if (!cancelledThere && !cancelledHere && differs(amount, chosen.amountUntaxed())) {
                issues.add(Issue.AMOUNT_DIFFERS);
            }
            int postedInvoices = 0;
            for (BookedSales.BookedInvoice invoice : chosen.invoices()) {
                if (!"posted".equals(invoice.state())) {
                    continue;
                }
                invoiceRefs.add(invoice.name());
                BigDecimal sign = invoice.refund() ? BigDecimal.ONE.negate() : BigDecimal.ONE;
                invoicedUntaxed = invoicedUntaxed.add(invoice.amountUntaxed().multiply(sign));
                invoicedTotal = invoicedTotal.add(invoice.amountTotal().multiply(sign));
                postedInvoices += invoice.refund() ? 0 : 1;
            }
            boolean expectInvoice = INVOICED.contains(r.status()) || r.invoiceRef() != null;
            if (expectInvoice && postedInvoices == 0) {
                issues.add(Issue.NOT_INVOICED);
            } else if (invoicedUntaxed.subtract(amount).compareTo(TOLERANCE) >= 0) {
                issues.add(postedInvoices > 1 ? Issue.INVOICED_TWICE : Issue.INVOICE_AMOUNT_DIFFERS);
            } else if (expectInvoice && amount.subtract(invoicedUntaxed).compareTo(TOLERANCE) >= 0) {
                issues.add(Issue.INVOICE_AMOUNT_DIFFERS);
            }
            if (r.invoiceRef() != null && postedInvoices > 0 && !invoiceRefs.contains(r.invoiceRef())) {
                issues.add(Issue.INVOICE_REF_DIFFERS);
            }
        }
        String result = !issues.isEmpty() ? "MISMATCH" : chosen == null ? "NOT_IN_ODOO_YET" : "MATCHED";
        BigDecimal odooAmount = chosen == null ? null : chosen.amountUntaxed();
        return new Line(r.id(), r.order().channel(), r.order().channelOrderRef(), r.businessKey(), r.createdAt(),
                r.status(), r.order().currency(), amount, r.salesOrderRef(), chosen == null ? null : chosen.name(),
                chosen == null ? null : chosen.state(), odooAmount, chosen == null ? null : chosen.amountTotal(),
                r.invoiceRef(), invoiceRefs, invoicedUntaxed, invoicedTotal,
                // An order that never reached Odoo (rejected, still in review) is not missing revenue.
                chosen == null && !issues.contains(Issue.MISSING_IN_ODOO) ? BigDecimal.ZERO
                        : amount.subtract(zeroIfNull(odooAmount)), result, issues);
    }

    private static boolean differs(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(TOLERANCE) >= 0;
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static Total add(Total a, Total b) {
        return new Total(a.channel(), a.currency(), a.orders() + b.orders(), a.withIssues() + b.withIssues(),
                a.amount().add(b.amount()), a.odooAmountUntaxed().add(b.odooAmountUntaxed()),
                a.invoicedUntaxed().add(b.invoicedUntaxed()), a.difference().add(b.difference()));
    }
}
