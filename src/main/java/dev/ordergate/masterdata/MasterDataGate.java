package dev.ordergate.masterdata;

import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The master-data gate: the customer must be known exactly once, every product known and ordered in the unit it
 * is sold in, and what the channel says about the customer must not contradict the system of record.
 */
@Service
public class MasterDataGate {

    private final MasterData masterData;

    MasterDataGate(MasterData masterData) {
        this.masterData = masterData;
    }

    public Verdict check(Order order) {
        List<String> reasons = new ArrayList<>();
        ResolvedOrder resolved = masterData.resolve(order);
        List<Customer> customers = resolved.customers();
        if (customers.isEmpty()) {
            reasons.add("Unknown customer " + order.customerRef());
        } else if (customers.size() > 1) {
            reasons.add("Ambiguous customer " + order.customerRef() + ": " + customers.stream().map(Customer::name)
                    .toList() + " all carry this reference");
        } else {
            reasons.addAll(conflicts(order, customers.get(0)));
        }
        var products = resolved.products();
        for (OrderLine line : order.lines()) {
            Product product = products.get(line.sku());
            if (product == null) {
                reasons.add("Line " + line.lineRef() + ": unknown product " + line.sku());
            } else if (!product.uom().equalsIgnoreCase(line.uom())) {
                reasons.add("Line " + line.lineRef() + " " + line.sku() + ": unit of measure: channel '" + line.uom()
                        + "', system of record '" + product.uom() + "'");
            }
        }
        return Verdict.of(reasons);
    }

    /** Fields the channel sent that the system of record holds otherwise: field, channel value, recorded value. */
    private static List<String> conflicts(Order order, Customer customer) {
        List<String> conflicts = new ArrayList<>();
        if (order.paymentTerms() != null && customer.paymentTerms() != null
                && !order.paymentTerms().equalsIgnoreCase(customer.paymentTerms())) {
            conflicts.add("Payment terms: channel '" + order.paymentTerms() + "', system of record '"
                    + customer.paymentTerms() + "'");
        }
        return conflicts;
    }
}
