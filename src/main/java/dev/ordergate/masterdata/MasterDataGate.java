package dev.ordergate.masterdata;

import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** The master-data gate: the customer and every product must be known, in the unit of measure we sell them in. */
@Service
public class MasterDataGate {

    private final MasterData masterData;

    MasterDataGate(MasterData masterData) {
        this.masterData = masterData;
    }

    public Verdict check(Order order) {
        List<String> reasons = new ArrayList<>();
        if (masterData.findCustomer(order.customerRef()).isEmpty()) {
            reasons.add("Unknown customer " + order.customerRef());
        }
        var products = masterData.findProducts(order.lines().stream().map(OrderLine::sku).distinct().toList());
        for (OrderLine line : order.lines()) {
            Product product = products.get(line.sku());
            if (product == null) {
                reasons.add("Line " + line.lineRef() + ": unknown product " + line.sku());
            } else if (!product.uom().equalsIgnoreCase(line.uom())) {
                reasons.add("Line " + line.lineRef() + ": " + line.sku() + " is sold in " + product.uom()
                        + ", not " + line.uom());
            }
        }
        return Verdict.of(reasons);
    }
}
