package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderGate;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.Orders;
import dev.ordergate.review.ReviewDecisions;
import dev.ordergate.rules.DecisionTables;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The gates added as a row of order-gates.dmn and a policy bean ({@link OrderGate}), as the diagram further-gates
 * names them: {@code ${furtherGates.decide(execution)}} asks the table once, when further-gates starts, and keeps the
 * order's gates in the variable {@code furtherGateIds} (text, comma-separated, so the engine stores it without Java
 * serialisation); {@code ${furtherGates.of(execution)}} lists them for the multi-instance, which reads its collection
 * more than once; {@code ${furtherGates.check(execution)}} checks the one in the variable {@code gate}, as the drawn
 * gates are checked (same
 * variables, same routing, a gate accepted by a reviewer passes from then on). A row naming no bean stops the
 * order's job with an error that says so (an incident for the operator: the model and the code disagree).
 */
@Component("furtherGates")
public class FurtherGates {

    static final String GATE = "gate";
    static final String TITLE = "gateTitle";
    static final String GATE_IDS = "furtherGateIds";

    /** A policy bean with the delegate that checks it as the drawn gates are checked. */
    private record Gate(OrderGate policy, GateDelegate delegate) {
    }

    private final Orders orders;
    private final DecisionTables tables;
    private final Map<String, Gate> gates;

    FurtherGates(Orders orders, ReviewDecisions decisions, DecisionTables tables, List<OrderGate> gates,
                 ApplicationEventPublisher events) {
        this.orders = orders;
        this.tables = tables;
        this.gates = gates.stream().collect(Collectors.toMap(OrderGate::id,
                gate -> new Gate(gate, new GateDelegate(orders, decisions, tables, gate.id(), gate::check, events))));
    }

    /** Asks order-gates.dmn once which further gates the order passes, in the table's order. */
    public void decide(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        execution.setVariable(GATE_IDS, String.join(",", tables.furtherGates(orders.get(orderId).order().channel())));
    }

    /** The gates {@link #decide} kept: the multi-instance collection. */
    public List<String> of(DelegateExecution execution) {
        String ids = (String) execution.getVariable(GATE_IDS);
        return ids == null || ids.isEmpty() ? List.of() : List.of(ids.split(","));
    }

    /** Checks the gate in the variable {@code gate}: its verdict as the drawn gates write theirs. */
    public void check(DelegateExecution execution) {
        String id = (String) execution.getVariable(GATE);
        Gate gate = gates.get(id);
        if (gate == null) {
            throw new IllegalStateException("order-gates.dmn names the gate '" + id + "', but no OrderGate bean has "
                    + "that id (known: " + gates.keySet() + ")");
        }
        execution.setVariable(TITLE, gate.policy().title());
        gate.delegate().execute(execution);
    }
}
