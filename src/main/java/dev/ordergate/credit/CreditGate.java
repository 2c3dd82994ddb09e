package dev.ordergate.credit;

import dev.ordergate.order.Order;
import dev.ordergate.order.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** The credit gate: a blocked customer, overdue invoices or an order that takes exposure over the limit. */
@Service
public class CreditGate {

    private final CreditAuthority authority;

    CreditGate(CreditAuthority authority) {
        this.authority = authority;
    }

    public Verdict check(Order order) {
        var standing = authority.standing(order.customerRef());
        if (standing.isEmpty()) {
            return Verdict.fail(List.of("Customer " + order.customerRef() + " is unknown to the credit authority"));
        }
        CreditStanding credit = standing.get();
        List<String> reasons = new ArrayList<>();
        if (credit.blocked()) {
            reasons.add("Customer " + order.customerRef() + " is blocked for credit");
        }
        if (credit.overdueAmount() != null && credit.overdueAmount().signum() > 0) {
            reasons.add("Customer has overdue invoices: " + credit.overdueAmount() + " " + credit.currency());
        }
        var exposureAfter = credit.openExposure().add(order.submittedTotal());
        if (exposureAfter.compareTo(credit.creditLimit()) > 0) {
            reasons.add("Open exposure " + credit.openExposure() + " + this order " + order.submittedTotal()
                    + " exceeds the credit limit " + credit.creditLimit() + " " + credit.currency());
        }
        return Verdict.of(reasons);
    }
}
