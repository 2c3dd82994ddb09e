package dev.ordergate.compliance;

import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderGate;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The restricted-products gate: a line whose product the restriction table does not allow to the ship-to country
 * goes to a review, with the table's reason. Reads the order as the master-data gate resolved it (no Odoo call).
 */
@Component
public class RestrictedProducts implements OrderGate {

    public static final String ID = "restricted-products";

    private final MasterData masterData;
    private final RestrictionPolicy policy;

    RestrictedProducts(MasterData masterData, RestrictionPolicy policy) {
        this.masterData = masterData;
        this.policy = policy;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "restricted products";
    }

    @Override
    public Verdict check(Order order) {
        Map<String, Product> products = masterData.resolved(order).products();
        String country = order.shipTo().country();
        List<String> reasons = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Product product = products.get(line.sku());
            String category = product == null ? null : product.category();
            policy.restriction(line.sku(), category, country).ifPresent(why ->
                    reasons.add("Line " + line.lineRef() + " " + line.sku() + " to " + country + ": " + why));
        }
        return Verdict.of(reasons);
    }
}
