package dev.ordergate.reporting;

import dev.ordergate.web.ApiProblems;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/reports/reconciliation?from=2026-11-01&to=2026-11-30}: the period's orders against Odoo, as
 * JSON, or as CSV with a header row ({@code Accept: text/csv} or {@code format=csv}). A period that is missing,
 * unreadable, backwards or longer than {@link #MAX_DAYS} days answers 400 problem+json.
 */
@RestController
class ReconciliationController {

    static final int MAX_DAYS = 366;
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final RevenueReconciliation reconciliation;

    ReconciliationController(RevenueReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/api/v1/reports/reconciliation")
    ResponseEntity<Object> reconciliation(@RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to,
                                          @RequestParam(required = false) String format,
                                          @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        LocalDate start;
        LocalDate end;
        try {
            start = date("from", from);
            end = date("to", to);
        } catch (BadParameter bad) {
            return invalid(bad.field, bad.getMessage());
        }
        if (end.isBefore(start)) {
            return invalid("to", "must not be before from (" + start + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            return invalid("to", "the period may span at most " + MAX_DAYS + " days");
        }
        boolean csv;
        if (format == null || format.isBlank()) {
            csv = accept != null && accept.toLowerCase().contains("text/csv");
        } else if (format.equalsIgnoreCase("csv") || format.equalsIgnoreCase("json")) {
            csv = format.equalsIgnoreCase("csv");
        } else {
            return ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-format", "Invalid report format",
                    "Parameter 'format' must be json or csv", Map.of("errors",
                            List.of(Map.of("field", "format", "message", "must be json or csv"))));
        }
        RevenueReconciliation.Report report = reconciliation.report(start, end);
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"reconciliation-" + start + "-" + end + ".csv\"")
                .body(csv(report));
    }

    static String csv(RevenueReconciliation.Report report) {
        StringBuilder out = new StringBuilder(String.join(",", "channel", "channel_order_ref", "business_key",
                "order_id", "received_at", "status", "region", "currency", "amount", "odoo_sales_order",
                "odoo_state", "odoo_amount_untaxed", "odoo_amount_total", "invoice_ref", "odoo_invoices", "cancelled_amount",
                "credited_amount", "expected_invoiced", "invoiced_untaxed",
                "invoiced_total", "difference", "result", "issues")).append("\r\n");
        for (RevenueReconciliation.Line l : report.lines()) {
            out.append(Stream.of(l.channel(), l.channelOrderRef(), l.businessKey(), l.orderId(), l.receivedAt(),
                            l.status(), l.region(), l.currency(), l.amount(), l.odooOrderRef(), l.odooState(),
                            l.odooAmountUntaxed(),
                            l.odooAmountTotal(), l.invoiceRef(), String.join(" ", l.odooInvoiceRefs()),
                            l.cancelledAmount(), l.creditedAmount(), l.expectedInvoiced(), l.invoicedUntaxed(), l.invoicedTotal(), l.difference(), l.result(),
                            l.issues().stream().map(Enum::name).collect(Collectors.joining(" ")))
                    .map(ReconciliationController::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is neutralised for spreadsheets. */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (!(value instanceof BigDecimal) && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadParameter(field, "is required (a date such as 2026-11-01)");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameter(field, "cannot be read as a date (YYYY-MM-DD): '" + value + "'");
        }
    }

    private static ResponseEntity<Object> invalid(String field, String message) {
        return ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-period", "Invalid reporting period",
                "Parameter '" + field + "' " + message, Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private static final class BadParameter extends RuntimeException {
        private final String field;

        BadParameter(String field, String message) {
            super(message);
            this.field = field;
        }
    }
}
