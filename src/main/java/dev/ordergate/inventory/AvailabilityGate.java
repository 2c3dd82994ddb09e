package dev.ordergate.inventory;

import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.ResolvedOrder;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.Verdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The availability gate: every stocked product must be free to promise in the quantity ordered; a shortfall says
 * whether the product is partly or not at all available.
 */
@Service
public class AvailabilityGate {

    private final Availability availability;
    private final MasterData masterData;

    AvailabilityGate(Availability availability, MasterData masterData) {
        this.availability = availability;
        this.masterData = masterData;
    }

    public Verdict check(Order order) {
        Map<String, BigDecimal> demand = new LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            demand.merge(line.sku(), line.quantity(), BigDecimal::add);
        }
        ResolvedOrder resolved = masterData.resolved(order);
        // Services and other unstocked products are never short.
        demand.keySet().removeIf(sku -> !resolved.stocked(sku));
        if (demand.isEmpty()) {
            return Verdict.pass();
        }
        Map<String, BigDecimal> free = availability.freeQuantities(order.businessKey(), demand.keySet());
        List<String> reasons = new ArrayList<>();
        demand.forEach((sku, wanted) -> {
            BigDecimal available = free.getOrDefault(sku, BigDecimal.ZERO);
            if (available.compareTo(wanted) < 0) {
                String kind = available.signum() <= 0 ? "none available" : "partly available";
                reasons.add(sku + ": ordered " + wanted.stripTrailingZeros().toPlainString() + ", available "
                        + available.max(BigDecimal.ZERO).stripTrailingZeros().toPlainString() + " (" + kind + ")");
            }
        });
        return Verdict.of(reasons);
    }
}
