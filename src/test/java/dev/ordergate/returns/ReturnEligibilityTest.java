package dev.ordergate.returns;

import static dev.ordergate.TestOrders.customer;
import static dev.ordergate.TestOrders.line;
import static dev.ordergate.TestOrders.masterData;
import static dev.ordergate.TestOrders.order;
import static dev.ordergate.TestOrders.service;
import static dev.ordergate.TestOrders.stocked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.order.Order;
import dev.ordergate.rules.DecisionTables.ReturnVerdict;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Return eligibility with the decision table in memory: no Spring, no engine. */
class ReturnEligibilityTest {

    private static final Order ORDER = order("C-1", line("1", "CHAIR", "10", "100"), line("2", "SETUP", "1", "50"));

    /** Within 30 days automatic up to 500 of goods, customer service above; services never come back. */
    private static final ReturnEligibility.Rule RULE = (days, category, amount, segment) ->
            "services".equals(category) ? new ReturnVerdict("refuse", "services are not returned")
                    : days > 30 ? new ReturnVerdict("customer-service", "after 30 days")
                    : amount.compareTo(new BigDecimal("500")) > 0 ? new ReturnVerdict("customer-service", "over 500")
                    : new ReturnVerdict("auto", "within policy");

    private static ReturnEligibility.Verdict assess(int days, ReturnRecord.Line... lines) {
        return ReturnEligibility.assess(days, List.of(lines), ORDER,
                masterData(List.of(customer("C-1")), stocked("CHAIR"), service("SETUP")).resolved(ORDER), RULE);
    }

    @Test
    void aSmallReturnSoonAfterDeliveryIsApprovedAutomatically() {
        var verdict = assess(3, new ReturnRecord.Line("CHAIR", new BigDecimal("2")));
        assertThat(verdict.approval()).isEqualTo("auto");
        assertThat(verdict.reason()).isEqualTo("Delivered 3 day(s) ago. 2 x CHAIR: within policy");
    }

    @Test
    void theLineAmountAtTheOrdersPriceDecidesWhoApproves() {
        assertThat(assess(3, new ReturnRecord.Line("CHAIR", new BigDecimal("6"))).approval())
                .isEqualTo("customer-service");
    }

    @Test
    void theStrictestLineDecidesAndOnlyItsReasonsAreGiven() {
        var verdict = assess(3, new ReturnRecord.Line("CHAIR", new BigDecimal("6")),
                new ReturnRecord.Line("SETUP", BigDecimal.ONE), new ReturnRecord.Line("CHAIR", BigDecimal.ONE));
        assertThat(verdict.approval()).isEqualTo("refuse");
        assertThat(verdict.reason()).isEqualTo("Delivered 3 day(s) ago. 1 x SETUP: services are not returned");
    }
}
