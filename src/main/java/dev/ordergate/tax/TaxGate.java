package dev.ordergate.tax;

import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The tax gate: the tax authority must place the order in a jurisdiction and assess every stocked (taxable)
 * product on it.
 */
@Service
public class TaxGate {

    private final TaxAuthority authority;
    private final MasterData masterData;

    TaxGate(TaxAuthority authority, MasterData masterData) {
        this.authority = authority;
        this.masterData = masterData;
    }

    public Verdict check(Order order) {
        TaxAssessment assessment = authority.assess(order);
        if (assessment.jurisdiction() == null) {
            return Verdict.review(List.of(assessment.problem() == null
                    ? "No tax jurisdiction for the ship-to address" : assessment.problem()));
        }
        Set<String> assessed = assessment.lines() == null ? Set.of()
                : assessment.lines().stream().filter(l -> l.taxCode() != null).map(TaxAssessment.LineTax::lineRef)
                        .collect(Collectors.toSet());
        Map<String, Product> products = masterData.resolved(order).products();
        List<String> reasons = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Product product = products.get(line.sku());
            if (product != null && product.storable() && !assessed.contains(line.lineRef())) {
                reasons.add("Line " + line.lineRef() + " " + line.sku() + ": no tax determined for a taxable product in "
                        + assessment.jurisdiction());
            }
        }
        return Verdict.of(reasons);
    }
}
