package dev.ordergate.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What makes a feed row unusable before anyone asks Odoo: missing values, a negative price, a window that ends
 * before it starts, and tiers that overlap (two rows for the same price list, SKU and quantity whose validity
 * windows share a day: nobody could say which price applies). Returns the reason per row index.
 */
final class PriceRowPolicy {

    private PriceRowPolicy() {
    }

    static Map<Integer, String> rejections(List<PriceAgreement> rows) {
        Map<Integer, String> rejected = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String reason = reason(rows.get(i));
            if (reason != null) {
                rejected.put(i, reason);
            }
        }
        Map<PriceTier, List<Integer>> byTier = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!rejected.containsKey(i)) {
                PriceAgreement row = rows.get(i);
                byTier.computeIfAbsent(new PriceTier(row.pricelist(), row.sku(), row.key().minQuantity()), t -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> tier : byTier.values()) {
            for (int a = 0; a < tier.size(); a++) {
                for (int b = a + 1; b < tier.size(); b++) {
                    PriceAgreement first = rows.get(tier.get(a));
                    PriceAgreement second = rows.get(tier.get(b));
                    if (overlap(first, second)) {
                        rejected.put(tier.get(a), "overlapping tiers: row " + (tier.get(b) + 1) + " prices the same quantity in the same period");
                        rejected.put(tier.get(b), "overlapping tiers: row " + (tier.get(a) + 1) + " prices the same quantity in the same period");
                    }
                }
            }
        }
        return rejected;
    }

    private record PriceTier(String pricelist, String sku, BigDecimal minQuantity) {
    }

    private static String reason(PriceAgreement row) {
        if (blank(row.pricelist())) {
            return "no price list";
        }
        if (blank(row.sku())) {
            return "no SKU";
        }
        if (blank(row.currency()) || row.currency().length() != 3) {
            return "no currency (ISO 4217 code)";
        }
        if (row.price() == null) {
            return "no price, or not a number";
        }
        if (row.price().signum() < 0) {
            return "negative price";
        }
        if (row.minQuantity() != null && row.minQuantity().signum() < 0) {
            return "negative minimum quantity";
        }
        if (row.validFrom() != null && row.validTo() != null && row.validTo().isBefore(row.validFrom())) {
            return "valid to " + row.validTo() + " is before valid from " + row.validFrom();
        }
        return null;
    }

    private static boolean overlap(PriceAgreement a, PriceAgreement b) {
        LocalDate aFrom = Objects.requireNonNullElse(a.validFrom(), LocalDate.MIN);
        LocalDate aTo = Objects.requireNonNullElse(a.validTo(), LocalDate.MAX);
        LocalDate bFrom = Objects.requireNonNullElse(b.validFrom(), LocalDate.MIN);
        LocalDate bTo = Objects.requireNonNullElse(b.validTo(), LocalDate.MAX);
        return !aFrom.isAfter(bTo) && !bFrom.isAfter(aTo);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
