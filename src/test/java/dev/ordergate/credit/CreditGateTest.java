package dev.ordergate.credit;

import static dev.ordergate.TestOrders.line;
import static dev.ordergate.TestOrders.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.order.Verdict;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The credit gate's policy with the credit authority and the policy table in memory: no Spring, no engine. */
class CreditGateTest {

    /** Approves up to the limit, holds above it, rejects a blocked customer (as credit-policy.dmn ships). */
    private static final CreditPolicy POLICY = (blocked, overdue, utilisation) -> blocked ? CreditPolicy.Outcome.REJECT
            : overdue || utilisation > 1 ? CreditPolicy.Outcome.HOLD : CreditPolicy.Outcome.APPROVE;

    private static CreditGate gate(CreditStanding standing) {
        return new CreditGate(customerRef -> Optional.ofNullable(standing), POLICY);
    }

    private static CreditStanding standing(String limit, String exposure, boolean blocked) {
        return new CreditStanding("C-1", "USD", new BigDecimal(limit), new BigDecimal(exposure), BigDecimal.ZERO, blocked);
    }

    @Test
    void anOrderWithinTheCreditLimitPasses() {
        assertThat(gate(standing("3000", "1000", false)).check(order("C-1", line("1", "CHAIR", "2", "100"))).passed())
                .isTrue();
    }

    @Test
    void orderAboveCreditLimitWaitsForCreditController() {
        Verdict verdict = gate(standing("3000", "2500", false)).check(order("C-1", line("1", "CHAIR", "2", "700")));
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.REVIEW);
        assertThat(verdict.reasons()).singleElement().asString().endsWith("exceeds the credit limit");
    }

    @Test
    void aBlockedCustomerIsRejectedWithTheReason() {
        Verdict verdict = gate(standing("3000", "0", true)).check(order("C-1", line("1", "CHAIR", "1", "1")));
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.REJECT);
        assertThat(verdict.reasons()).first().isEqualTo("Customer C-1 is blocked for credit");
    }

    @Test
    void aCustomerTheCreditAuthorityDoesNotKnowIsReviewed() {
        assertThat(gate(null).check(order("C-1", line("1", "CHAIR", "1", "1"))).reasons())
                .containsExactly("Customer C-1 is unknown to the credit authority");
    }
}
