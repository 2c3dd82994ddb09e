package dev.ordergate.credit;

import dev.ordergate.order.Order;
import dev.ordergate.order.Verdict;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The credit gate: the customer's standing (limit, exposure with this order, overdue, blocked) put through the
 * credit policy table; a hold goes to a credit controller with the figures, a reject band ends the order.
 */
@Service
public class CreditGate {

    private final CreditAuthority authority;
    private final CreditPolicy policy;

    CreditGate(CreditAuthority authority, CreditPolicy policy) {
        this.authority = authority;
        this.policy = policy;
    }

    public Verdict check(Order order) {
        var standing = authority.standing(order.customerRef());
        if (standing.isEmpty()) {
            return Verdict.review(List.of("Customer " + order.customerRef() + " is unknown to the credit authority"));
        }
        CreditStanding credit = standing.get();
        BigDecimal exposureAfter = credit.openExposure().add(order.submittedTotal());
        boolean overdue = credit.overdueAmount() != null && credit.overdueAmount().signum() > 0;
        double utilisation = credit.creditLimit().signum() == 0
                ? (exposureAfter.signum() == 0 ? 0 : Double.MAX_VALUE)
                : exposureAfter.divide(credit.creditLimit(), 4, RoundingMode.HALF_UP).doubleValue();
        var outcome = policy.decide(credit.blocked(), overdue, utilisation);
        if (outcome == CreditPolicy.Outcome.APPROVE) {
            return Verdict.pass();
        }
        List<String> facts = new ArrayList<>();
        if (credit.blocked()) {
            facts.add("Customer " + order.customerRef() + " is blocked for credit");
        }
        if (overdue) {
            facts.add("Overdue invoices: " + credit.overdueAmount() + " " + credit.currency());
        }
        facts.add("Credit limit " + credit.creditLimit() + " " + credit.currency() + ", open exposure "
                + credit.openExposure() + ", this order " + order.submittedTotal() + ", exposure after "
                + exposureAfter + (exposureAfter.compareTo(credit.creditLimit()) > 0 ? " exceeds the credit limit" : ""));
        return outcome == CreditPolicy.Outcome.REJECT ? Verdict.reject(facts) : Verdict.review(facts);
    }
}
