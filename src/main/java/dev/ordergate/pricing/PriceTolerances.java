package dev.ordergate.pricing;

import java.math.BigDecimal;

/** How far a submitted unit price may be from the authority's, by customer segment and product category. */
public interface PriceTolerances {

    Tolerance forLine(String customerSegment, String productCategory);

    /** A line passes when its difference per unit is within either bound. */
    record Tolerance(BigDecimal percent, BigDecimal absolute) {
    }
}
