package dev.ordergate.tax;

import static dev.ordergate.TestOrders.customer;
import static dev.ordergate.TestOrders.line;
import static dev.ordergate.TestOrders.masterData;
import static dev.ordergate.TestOrders.order;
import static dev.ordergate.TestOrders.service;
import static dev.ordergate.TestOrders.stocked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.order.Order;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tax gate's policy with a tax authority in memory: no Spring, no engine. */
class TaxGateTest {

    private static final Order ORDER = order("C-1", line("1", "CHAIR", "2", "10"), line("2", "SETUP", "1", "50"));

    private static TaxGate gate(TaxAssessment assessment) {
        return new TaxGate(order -> assessment, masterData(List.of(customer("C-1")), stocked("CHAIR"), service("SETUP")));
    }

    private static TaxAssessment.LineTax taxed(String lineRef) {
        return new TaxAssessment.LineTax(lineRef, "US-CA", new BigDecimal("0.0725"), BigDecimal.ONE);
    }

    @Test
    void everyTaxableLineTaxedPasses() {
        assertThat(gate(new TaxAssessment("US-CA", BigDecimal.ONE, List.of(taxed("1")), null)).check(ORDER).passed())
                .isTrue();
    }

    @Test
    void aTaxableLineWithoutTaxIsReviewedAnUntaxedServiceIsNot() {
        assertThat(gate(new TaxAssessment("US-CA", BigDecimal.ZERO, List.of(), null)).check(ORDER).reasons())
                .containsExactly("Line 1 CHAIR: no tax determined for a taxable product in US-CA");
    }

    @Test
    void noJurisdictionIsReviewedWithTheAuthoritysWords() {
        assertThat(gate(new TaxAssessment(null, null, null, "Postal code 00000 is not in any jurisdiction"))
                .check(ORDER).reasons()).containsExactly("Postal code 00000 is not in any jurisdiction");
        assertThat(gate(new TaxAssessment(null, null, null, null)).check(ORDER).reasons())
                .containsExactly("No tax jurisdiction for the ship-to address");
    }
}
