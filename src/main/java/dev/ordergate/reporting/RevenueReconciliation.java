package dev.ordergate.reporting;

import dev.ordergate.fulfillment.CancelledQuantities;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.OrderRecord;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import dev.ordergate.region.CurrentRegion;
import dev.ordergate.returns.CreditedReturns;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The channels' orders of a period against the books: for each order our amount (before tax), Odoo's sales order
 * and its untaxed amount, the posted invoices net of credit notes, and what does not match. Invoices are compared
 * with what Odoo should have invoiced as Odoo counts it: delivered goods only (a cancelled backorder or a cancelled
 * line is never invoiced) less the returns credited. Odoo is read in batches of keys, never once per order.
 */
@Service
public class RevenueReconciliation {

    /** Amounts that differ by less than a cent are the same (Odoo rounds per line). */
    static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    /** Statuses at which the order has been committed to Odoo. */
    private static final Set<OrderStatus> COMMITTED = EnumSet.of(OrderStatus.COMMITTED, OrderStatus.RELEASED,
            OrderStatus.SHIPPED, OrderStatus.INVOICED, OrderStatus.COMPLETED);
    private static final Set<OrderStatus> INVOICED = EnumSet.of(OrderStatus.INVOICED, OrderStatus.COMPLETED);
    /** Orders that are not revenue here: their amounts count nothing in the totals. */
    private static final Set<OrderStatus> NO_REVENUE = EnumSet.of(OrderStatus.CANCELLED, OrderStatus.REJECTED);

    public enum Issue {
        MISSING_IN_ODOO, DUPLICATE_IN_ODOO, SALES_ORDER_REF_DIFFERS, CURRENCY_DIFFERS, AMOUNT_DIFFERS,
        CANCELLED_IN_ODOO_ONLY, CANCELLED_HERE_ONLY, NOT_INVOICED, INVOICED_TWICE, INVOICE_AMOUNT_DIFFERS,
        INVOICE_REF_DIFFERS
    }

    /**
     * One order. {@code difference} is what counts as revenue here less what counts in Odoo: an order cancelled or
     * rejected here, or not meant to reach Odoo yet, counts 0 here; a cancelled sales order counts 0 in Odoo.
     * {@code expectedInvoiced} is our amount less what was cancelled after the commit and what returns credited.
     */
    public record Line(String orderId, String channel, String channelOrderRef, String businessKey, OffsetDateTime receivedAt,
                       OrderStatus status, String region, String currency, BigDecimal amount, String salesOrderRef, String odooOrderRef,
                       String odooState, BigDecimal odooAmountUntaxed, BigDecimal odooAmountTotal, String invoiceRef,
                       List<String> odooInvoiceRefs, BigDecimal cancelledAmount, BigDecimal creditedAmount,
                       BigDecimal expectedInvoiced, BigDecimal invoicedUntaxed, BigDecimal invoicedTotal,
                       BigDecimal difference, String result, List<Issue> issues) {
    }

    /**
     * Per region (its Odoo company), channel and currency: how many orders, how many do not match, and the revenue on
     * both sides as the lines' {@code difference} counts it, so {@code amount - odooAmountUntaxed = difference} always
     * holds.
     */
    public record Total(String region, String channel, String currency, int orders, int withIssues, BigDecimal amount,
                        BigDecimal odooAmountUntaxed, BigDecimal expectedInvoiced, BigDecimal invoicedUntaxed,
                        BigDecimal difference) {
    }

    public record Report(LocalDate from, LocalDate to, int orders, int withIssues, List<Total> totals, List<Line> lines) {
    }

    /** What our books took off an order after it was booked, by SKU. */
    record Adjustments(Map<String, BigDecimal> cancelled, Map<String, BigDecimal> credited) {
        static final Adjustments NONE = new Adjustments(Map.of(), Map.of());
    }

    private final Orders orders;
    private final BookedSales books;
    private final CancelledQuantities cancelled;
    private final CreditedReturns credited;

    RevenueReconciliation(Orders orders, BookedSales books, CancelledQuantities cancelled, CreditedReturns credited) {
        this.orders = orders;
        this.books = books;
        this.cancelled = cancelled;
        this.credited = credited;
    }

    /** Orders received from {@code from} to {@code to}, both days included (UTC). */
    public Report report(LocalDate from, LocalDate to) {
        List<OrderRecord> received = orders.receivedBetween(from.atStartOfDay().atOffset(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        Map<String, List<BookedSales.BookedOrder>> booked = new LinkedHashMap<>();
        // Each region's orders are read in its own Odoo company: another company's sales orders are invisible there.
        Map<Optional<String>, List<String>> keysByRegion = received.stream().collect(Collectors.groupingBy(
                r -> Optional.ofNullable(r.region()), LinkedHashMap::new,
                Collectors.mapping(OrderRecord::businessKey, Collectors.toList())));
        keysByRegion.forEach((region, keys) -> {
            for (BookedSales.BookedOrder o : CurrentRegion.supply(region.orElse(null), () -> books.ordersFor(keys))) {
                booked.computeIfAbsent(o.businessKey(), k -> new ArrayList<>()).add(o);
            }
        });
        List<Line> lines = received.stream().map(r -> line(r, booked.getOrDefault(r.businessKey(), List.of()),
                new Adjustments(cancelled.bySku(r.businessKey()), credited.bySku(r.id())))).toList();
        Map<String, Total> totals = new LinkedHashMap<>();
        for (Line l : lines) {
            BigDecimal odoo = countsInOdoo(l) ? l.odooAmountUntaxed() : money(BigDecimal.ZERO, l.currency());
            totals.merge(l.region() + "\u0000" + l.channel() + "\u0000" + l.currency(), new Total(l.region(),
                    l.channel(), l.currency(), 1,
                    l.issues().isEmpty() ? 0 : 1, odoo.add(l.difference()), odoo, l.expectedInvoiced(),
                    l.invoicedUntaxed(), l.difference()), RevenueReconciliation::add);
        }
        return new Report(from, to, lines.size(), (int) lines.stream().filter(l -> !l.issues().isEmpty()).count(),
                List.copyOf(totals.values()), lines);
    }

    static Line line(OrderRecord r, List<BookedSales.BookedOrder> booked, Adjustments adjustments) {
        String currency = r.order().currency();
        BigDecimal amount = r.order().submittedTotal();
        BigDecimal cancelledAmount = valueOf(adjustments.cancelled(), r.order().lines());
        BigDecimal creditedAmount = valueOf(adjustments.credited(), r.order().lines());
        BigDecimal expectedInvoiced = INVOICED.contains(r.status()) || r.invoiceRef() != null
                ? amount.subtract(cancelledAmount).subtract(creditedAmount) : BigDecimal.ZERO;
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
            if (chosen.currency() != null && !chosen.currency().equalsIgnoreCase(currency)) {
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
                // A credit note (a return's, or a reversal) counts against the invoiced total, as Odoo counts it.
                BigDecimal sign = invoice.refund() ? BigDecimal.ONE.negate() : BigDecimal.ONE;
                invoicedUntaxed = invoicedUntaxed.add(invoice.amountUntaxed().multiply(sign));
                invoicedTotal = invoicedTotal.add(invoice.amountTotal().multiply(sign));
                postedInvoices += invoice.refund() ? 0 : 1;
            }
            boolean expectInvoice = (INVOICED.contains(r.status()) || r.invoiceRef() != null)
                    && expectedInvoiced.signum() > 0;
            if (expectInvoice && postedInvoices == 0) {
                issues.add(Issue.NOT_INVOICED);
            } else if (invoicedUntaxed.subtract(expectedInvoiced).compareTo(TOLERANCE) >= 0) {
                issues.add(postedInvoices > 1 && invoicedUntaxed.subtract(amount).compareTo(TOLERANCE) >= 0
                        ? Issue.INVOICED_TWICE : Issue.INVOICE_AMOUNT_DIFFERS);
            } else if (expectInvoice && expectedInvoiced.subtract(invoicedUntaxed).compareTo(TOLERANCE) >= 0) {
                issues.add(Issue.INVOICE_AMOUNT_DIFFERS);
            }
            if (r.invoiceRef() != null && postedInvoices > 0 && !invoiceRefs.contains(r.invoiceRef())) {
                issues.add(Issue.INVOICE_REF_DIFFERS);
            }
        }
        String result = !issues.isEmpty() ? "MISMATCH" : chosen == null ? "NOT_IN_ODOO_YET" : "MATCHED";
        BigDecimal odooAmount = chosen == null ? null : chosen.amountUntaxed();
        // Revenue here: an order that never reached Odoo (rejected, still in review) or that was cancelled is none.
        boolean revenueHere = !NO_REVENUE.contains(r.status()) && (chosen != null || issues.contains(Issue.MISSING_IN_ODOO));
        boolean revenueThere = chosen != null && !"cancel".equals(chosen.state());
        BigDecimal difference = (revenueHere ? amount : BigDecimal.ZERO)
                .subtract(revenueThere ? odooAmount : BigDecimal.ZERO);
        return new Line(r.id(), r.order().channel(), r.order().channelOrderRef(), r.businessKey(), r.createdAt(),
                r.status(), r.region(), currency, money(amount, currency), r.salesOrderRef(), chosen == null ? null : chosen.name(),
                chosen == null ? null : chosen.state(), money(odooAmount, currency),
                money(chosen == null ? null : chosen.amountTotal(), currency), r.invoiceRef(), invoiceRefs,
                money(cancelledAmount, currency), money(creditedAmount, currency), money(expectedInvoiced, currency),
                money(invoicedUntaxed, currency), money(invoicedTotal, currency), money(difference, currency), result,
                issues);
    }

    /** The value of quantities by SKU at the order's own prices (the price agreed, also for a substitute). */
    private static BigDecimal valueOf(Map<String, BigDecimal> quantities, List<OrderLine> lines) {
        BigDecimal value = BigDecimal.ZERO;
        for (var entry : quantities.entrySet()) {
            BigDecimal left = entry.getValue();
            for (OrderLine line : lines) {
                if (left.signum() > 0 && line.sku().equals(entry.getKey())) {
                    BigDecimal taken = left.min(line.quantity());
                    value = value.add(taken.multiply(line.unitPrice()));
                    left = left.subtract(taken);
                }
            }
        }
        return value;
    }

    private static boolean countsInOdoo(Line l) {
        return l.odooAmountUntaxed() != null && !"cancel".equals(l.odooState());
    }

    /** Amounts in the currency's own minor unit (two decimals for USD and EUR), so JSON and CSV write them one way. */
    static BigDecimal money(BigDecimal value, String currency) {
        if (value == null) {
            return null;
        }
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            // An unknown currency code keeps the usual two decimals.
        }
        return value.setScale(digits, RoundingMode.HALF_UP);
    }

    private static boolean differs(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(TOLERANCE) >= 0;
    }

    private static Total add(Total a, Total b) {
        return new Total(a.region(), a.channel(), a.currency(), a.orders() + b.orders(), a.withIssues() + b.withIssues(),
                a.amount().add(b.amount()), a.odooAmountUntaxed().add(b.odooAmountUntaxed()),
                a.expectedInvoiced().add(b.expectedInvoiced()), a.invoicedUntaxed().add(b.invoicedUntaxed()),
                a.difference().add(b.difference()));
    }
}
