package dev.ordergate.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** A fixed-price item of a price list as the target (Odoo) holds it, in our terms: no target ids. */
public record PriceItem(Key key, BigDecimal price, LocalDate validTo) {

    /** What identifies an item: the price list's name, the SKU, the volume tier and the first day it applies. */
    public record Key(String pricelist, String sku, BigDecimal minQuantity, LocalDate validFrom) {

        public Key {
            minQuantity = minQuantity == null ? BigDecimal.ZERO : minQuantity.stripTrailingZeros();
        }
    }

    /** Whether this item already says what {@code other} says (decimals compared by value). */
    public boolean sameTerms(BigDecimal otherPrice, LocalDate otherValidTo) {
        return price != null && otherPrice != null && price.compareTo(otherPrice) == 0 && Objects.equals(validTo, otherValidTo);
    }
}
