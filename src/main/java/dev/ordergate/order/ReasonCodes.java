package dev.ordergate.order;

import java.util.Locale;

/**
 * Turns a gate's free-text reason into a small set of codes: a metric is tagged with it without one series per
 * customer or SKU, and a channel reads it instead of the reviewer's figures (see {@link ChannelReasons}).
 * Unrecognised texts are {@code other}: a new reason shows up, it does not explode the series or leak its text.
 */
public final class ReasonCodes {

    private ReasonCodes() {
    }

    public static String of(String gate, String reason) {
        String text = reason.toLowerCase(Locale.ROOT);
        return switch (gate) {
            case "master-data" -> text.contains("unknown customer") ? "unknown-customer"
                    : text.contains("ambiguous customer") ? "ambiguous-customer"
                    : text.contains("unknown product") ? "unknown-product"
                    : text.contains("unit of measure") ? "unit-of-measure"
                    : text.contains("system of record") ? "field-conflict" : "other";
            case "pricing" -> text.contains("no price") ? "no-price"
                    : text.contains("submitted") ? "price-mismatch" : "other";
            case "credit" -> text.contains("unknown") ? "unknown-customer"
                    : text.contains("blocked") ? "credit-blocked"
                    : text.contains("overdue") ? "overdue-invoices"
                    : text.contains("credit limit") ? "credit-limit" : "other";
            case "tax" -> text.contains("no tax determined") ? "missing-tax" : "no-jurisdiction";
            case "availability" -> text.contains("available") ? "shortfall" : "other";
            case "substitution" -> "substitute-proposed";
            default -> "other";
        };
    }
}
