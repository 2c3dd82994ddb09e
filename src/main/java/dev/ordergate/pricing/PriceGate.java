package dev.ordergate.pricing;

import dev.ordergate.masterdata.Customer;
import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import dev.ordergate.masterdata.ResolvedOrder;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.Verdict;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The pricing gate: each line's submitted price against the pricing authority's, within the tolerance the
 * price-tolerance table gives for the customer's segment and the product's category. A mismatch states the line,
 * both prices, the difference and what it does to the order's margin.
 */
@Service
public class PriceGate {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PriceAuthority authority;
    private final PriceTolerances tolerances;
    private final MasterData masterData;

    PriceGate(PriceAuthority authority, PriceTolerances tolerances, MasterData masterData) {
        this.authority = authority;
        this.tolerances = tolerances;
        this.masterData = masterData;
    }

    public Verdict check(Order order) {
        Map<String, BigDecimal> prices = authority.unitPrices(order);
        ResolvedOrder resolved = masterData.resolved(order);
        String segment = resolved.customer().map(Customer::segment).orElse(null);
        Map<String, Product> products = resolved.products();
        List<String> reasons = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            BigDecimal expected = prices.get(line.lineRef());
            if (expected == null) {
                reasons.add("Line " + line.lineRef() + " " + line.sku() + ": no price from the pricing authority");
                continue;
            }
            Product product = products.get(line.sku());
            var tolerance = tolerances.forLine(segment, product == null ? null : product.category());
            if (!within(line.unitPrice(), expected, tolerance)) {
                BigDecimal difference = line.unitPrice().subtract(expected);
                reasons.add("Line " + line.lineRef() + " " + line.sku() + ": submitted " + line.unitPrice()
                        + ", authority " + expected.setScale(2, RoundingMode.HALF_UP)
                        + ", difference " + difference.setScale(2, RoundingMode.HALF_UP) + " per unit ("
                        + percent(difference, expected) + "%), margin impact "
                        + difference.multiply(line.quantity()).setScale(2, RoundingMode.HALF_UP));
            }
        }
        return Verdict.of(reasons);
    }

    static boolean within(BigDecimal submitted, BigDecimal expected, PriceTolerances.Tolerance tolerance) {
        BigDecimal difference = submitted.subtract(expected).abs();
        if (difference.compareTo(tolerance.absolute()) <= 0) {
            return true;
        }
        return expected.signum() != 0
                && difference.multiply(HUNDRED).divide(expected, 6, RoundingMode.HALF_UP)
                        .compareTo(tolerance.percent()) <= 0;
    }

    private static BigDecimal percent(BigDecimal difference, BigDecimal expected) {
        return expected.signum() == 0 ? BigDecimal.ZERO
                : difference.multiply(HUNDRED).divide(expected, 2, RoundingMode.HALF_UP);
    }
}
