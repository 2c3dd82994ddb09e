package dev.ordergate.pricing;

import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.Verdict;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** The pricing gate: each line's submitted price against the pricing authority's, within a tolerance. */
@Service
public class PriceGate {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PriceAuthority authority;
    private final PricingProperties tolerance;

    PriceGate(PriceAuthority authority, PricingProperties tolerance) {
        this.authority = authority;
        this.tolerance = tolerance;
    }

    public Verdict check(Order order) {
        var prices = authority.unitPrices(order);
        List<String> reasons = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            BigDecimal expected = prices.get(line.lineRef());
            if (expected == null) {
                reasons.add("Line " + line.lineRef() + ": no price for " + line.sku() + " from the pricing authority");
            } else if (!withinTolerance(line.unitPrice(), expected)) {
                reasons.add("Line " + line.lineRef() + " " + line.sku() + ": submitted " + line.unitPrice()
                        + ", authority " + expected.setScale(2, RoundingMode.HALF_UP)
                        + " (" + percentOff(line.unitPrice(), expected) + "%)");
            }
        }
        return Verdict.of(reasons);
    }

    boolean withinTolerance(BigDecimal submitted, BigDecimal expected) {
        BigDecimal difference = submitted.subtract(expected).abs();
        if (difference.compareTo(tolerance.toleranceAbsolute()) <= 0) {
            return true;
        }
        return expected.signum() != 0
                && difference.multiply(HUNDRED).divide(expected, 6, RoundingMode.HALF_UP)
                        .compareTo(tolerance.tolerancePercent()) <= 0;
    }

    private static BigDecimal percentOff(BigDecimal submitted, BigDecimal expected) {
        if (expected.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return submitted.subtract(expected).multiply(HUNDRED).divide(expected, 2, RoundingMode.HALF_UP);
    }
}
