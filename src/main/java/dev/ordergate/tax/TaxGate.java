package dev.ordergate.tax;

import dev.ordergate.order.Order;
import dev.ordergate.order.Verdict;
import java.util.List;
import org.springframework.stereotype.Service;

/** The tax gate: the tax authority must be able to place the order in a jurisdiction. */
@Service
public class TaxGate {

    private final TaxAuthority authority;

    TaxGate(TaxAuthority authority) {
        this.authority = authority;
    }

    public Verdict check(Order order) {
        TaxAssessment assessment = authority.assess(order);
        if (assessment.jurisdiction() == null) {
            return Verdict.fail(List.of(assessment.problem() == null
                    ? "No tax jurisdiction for the ship-to address" : assessment.problem()));
        }
        return Verdict.pass();
    }
}
