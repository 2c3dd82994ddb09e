package dev.ordergate.fulfillment;

import dev.ordergate.inventory.Availability;
import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.ResolvedOrder;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.Orders;
import dev.ordergate.pricing.PriceAuthority;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What a reviewer's decision changes on the order before its gate is checked again, as service tasks in the BPMN
 * ({@code ${reviewActions.applyAuthorityPrices(execution)}}). The channel's original document stays in the review
 * audit; the order carries the corrected lines.
 */
@Component("reviewActions")
public class ReviewActions {

    private final Orders orders;
    private final PriceAuthority prices;
    private final Availability availability;
    private final MasterData masterData;

    ReviewActions(Orders orders, PriceAuthority prices, Availability availability, MasterData masterData) {
        this.orders = orders;
        this.prices = prices;
        this.availability = availability;
        this.masterData = masterData;
    }

    /** Every line at the pricing authority's unit price. */
    public void applyAuthorityPrices(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        Order order = orders.get(orderId).order();
        Map<String, BigDecimal> authority = prices.unitPrices(order);
        orders.replaceLines(orderId, order.lines().stream()
                .map(l -> new OrderLine(l.lineRef(), l.sku(), l.quantity(), l.uom(),
                        authority.getOrDefault(l.lineRef(), l.unitPrice())))
                .toList());
    }

    /**
     * Drops the lines that cannot be served in full now; sets {@code linesLeft} so the process can reject an order
     * with nothing left.
     */
    public void cancelShortLines(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        Order order = orders.get(orderId).order();
        ResolvedOrder resolved = masterData.resolved(order);
        List<OrderLine> kept = linesInStock(order.lines(), resolved,
                availability.freeQuantities(resolved.products().keySet()));
        if (!kept.isEmpty()) {
            orders.replaceLines(orderId, kept);
        }
        execution.setVariable("linesLeft", !kept.isEmpty());
    }

    /** The lines stock covers, first come first served, and every line of a product the warehouse does not stock. */
    static List<OrderLine> linesInStock(List<OrderLine> lines, ResolvedOrder resolved,
                                        Map<String, BigDecimal> freeQuantities) {
        Map<String, BigDecimal> free = new LinkedHashMap<>(freeQuantities);
        List<OrderLine> kept = new ArrayList<>();
        for (OrderLine line : lines) {
            BigDecimal available = free.getOrDefault(line.sku(), BigDecimal.ZERO);
            if (!resolved.stocked(line.sku())) {
                kept.add(line);
            } else if (available.compareTo(line.quantity()) >= 0) {
                kept.add(line);
                free.put(line.sku(), available.subtract(line.quantity()));
            }
        }
        return kept;
    }
}
