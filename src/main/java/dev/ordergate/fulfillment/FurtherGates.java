package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderGate;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.Orders;
import dev.ordergate.review.ReviewDecisions;
import dev.ordergate.rules.DecisionTables;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The gates added as a row of order-gates.dmn and a policy bean ({@link OrderGate}), as the diagram further-gates
 * names them: {@code ${furtherGates.of(execution)}} lists the order's (the multi-instance collection) and
 * {@code ${furtherGates.check(execution)}} checks the one in the variable {@code gate}, as the drawn gates are checked (same
 * variables, same routing, a gate accepted by a reviewer passes from then on). A row naming no bean stops the
 * order's job with an error that says so (an incident for the operator: the model and the code disagree).
 */
@Component("furtherGates")
public class FurtherGates {

    static final String GATE = "gate";
    static final String TITLE = "gateTitle";

    private final Orders orders;
    private final DecisionTables tables;
    private final Map<String, OrderGate> gates;
    private final Map<String, GateDelegate> checks;

    FurtherGates(Orders orders, ReviewDecisions decisions, DecisionTables tables, List<OrderGate> gates,
                 ApplicationEventPublisher events) {
        this.orders = orders;
        this.tables = tables;
        this.gates = gates.stream().collect(Collectors.toMap(OrderGate::id, Function.identity()));
        this.checks = gates.stream().collect(Collectors.toMap(OrderGate::id,
                gate -> new GateDelegate(orders, decisions, tables, gate.id(), gate::check, events)));
    }

    /** The order's further gates, in the table's order. */
    public List<String> of(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        return tables.furtherGates(orders.get(orderId).order().channel());
    }

    /** Checks the gate in the variable {@code gate}: its verdict as the drawn gates write theirs. */
    public void check(DelegateExecution execution) {
        String id = (String) execution.getVariable(GATE);
        if (!checks.containsKey(id)) {
            throw new IllegalStateException("order-gates.dmn names the gate '" + id + "', but no OrderGate bean has "
                    + "that id (known: " + checks.keySet() + ")");
        }
        execution.setVariable(TITLE, gates.get(id).title());
        checks.get(id).execute(execution);
    }
}
