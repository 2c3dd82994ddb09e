package dev.ordergate.fulfillment;

import dev.ordergate.inventory.Substitutions;
import dev.ordergate.notify.StatusEvents;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.Orders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What a substitution does to the order, as the BPMN says it ({@code ${substituteLines.apply(execution)}}): each
 * line with an open proposal ships the substitute at the line's agreed price, keeping the SKU ordered as
 * {@code substitutedFor}, and the channel hears "substituted" in the same transaction. A refusal is remembered.
 */
@Component("substituteLines")
public class SubstituteLines {

    static final String STATUS = "substituted";

    private final Orders orders;
    private final Substitutions substitutions;
    private final StatusEvents statusEvents;

    SubstituteLines(Orders orders, Substitutions substitutions, StatusEvents statusEvents) {
        this.orders = orders;
        this.substitutions = substitutions;
        this.statusEvents = statusEvents;
    }

    public void apply(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        Substituted result = substitute(orders.get(orderId).order().lines(), substitutions.open(orderId));
        substitutions.applied(orderId);
        if (!result.changed().isEmpty()) {
            orders.replaceLines(orderId, result.lines());
            statusEvents.publish(orderId, STATUS, "Substitute shipped: " + String.join("; ", result.changed()));
        }
    }

    /** The order's lines with the kept proposals applied, and a sentence per line that changed. */
    record Substituted(List<OrderLine> lines, List<String> changed) {
    }

    /** A proposal applies to the line it was made for, once, and only while the line still has the original SKU. */
    static Substituted substitute(List<OrderLine> lines, List<Substitutions.Kept> kept) {
        Map<String, Substitutions.Kept> open = kept.stream()
                .collect(Collectors.toMap(Substitutions.Kept::lineRef, Function.identity()));
        List<OrderLine> result = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (OrderLine line : lines) {
            Substitutions.Kept proposal = open.get(line.lineRef());
            if (proposal != null && !line.substituted() && line.sku().equals(proposal.originalSku())) {
                result.add(line.substitutedBy(proposal.substituteSku()));
                changed.add("line " + line.lineRef() + ": " + proposal.substituteSku() + " for " + line.sku());
            } else {
                result.add(line);
            }
        }
        return new Substituted(result, changed);
    }

    /** Customer service refused: these substitutes are not proposed again for the order's lines. */
    public void refuse(DelegateExecution execution) {
        substitutions.refuse((String) execution.getVariable(OrderProcess.ORDER_ID));
    }
}
