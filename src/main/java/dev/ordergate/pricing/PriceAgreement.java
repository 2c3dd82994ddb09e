package dev.ordergate.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the pricing authority's feed: a fixed unit price for a SKU on a named price list, from a quantity
 * (the volume tier), within a validity window, in a currency. {@code customerRef} makes it a customer agreement:
 * that customer buys on this price list.
 */
public record PriceAgreement(String pricelist, String currency, String customerRef, String sku, BigDecimal minQuantity,
                             BigDecimal price, LocalDate validFrom, LocalDate validTo) {

    /** Items are matched on price list, SKU, tier and start; price and end are what a sync changes. */
    public PriceItem.Key key() {
        return new PriceItem.Key(pricelist, sku, minQuantity == null ? BigDecimal.ZERO : minQuantity, validFrom);
    }
}
