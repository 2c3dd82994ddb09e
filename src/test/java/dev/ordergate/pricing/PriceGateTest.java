package dev.ordergate.pricing;

import static dev.ordergate.TestOrders.customer;
import static dev.ordergate.TestOrders.line;
import static dev.ordergate.TestOrders.masterData;
import static dev.ordergate.TestOrders.order;
import static dev.ordergate.TestOrders.stocked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.order.Verdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The price gate's policy with an authority and tolerances in memory: no Spring, no engine. */
class PriceGateTest {

    /** One unit of currency or 1 %, whichever is more. */
    private static final PriceTolerances ONE_OR_ONE_PERCENT =
            (segment, category) -> new PriceTolerances.Tolerance(BigDecimal.ONE, BigDecimal.ONE);

    private static PriceGate gate(Map<String, BigDecimal> authorityPrices) {
        return new PriceGate(order -> authorityPrices, ONE_OR_ONE_PERCENT,
                masterData(List.of(customer("C-1")), stocked("CHAIR")));
    }

    @Test
    void aPriceWithinTheTolerancePasses() {
        Verdict verdict = gate(Map.of("1", new BigDecimal("299.00"))).check(order("C-1", line("1", "CHAIR", "2", "301.50")));
        assertThat(verdict.passed()).isTrue();
    }

    @Test
    void aPriceOutsideTheToleranceGoesToThePricingStewardWithTheMarginImpact() {
        Verdict verdict = gate(Map.of("1", new BigDecimal("299.00"))).check(order("C-1", line("1", "CHAIR", "12", "250")));
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.REVIEW);
        assertThat(verdict.reasons()).containsExactly("Line 1 CHAIR: submitted 250, authority 299.00, difference"
                + " -49.00 per unit (-16.39%), margin impact -588.00");
    }

    @Test
    void aLineTheAuthorityHasNoPriceForIsReviewed() {
        Verdict verdict = gate(Map.of()).check(order("C-1", line("1", "CHAIR", "2", "10")));
        assertThat(verdict.reasons()).containsExactly("Line 1 CHAIR: no price from the pricing authority");
    }
}
