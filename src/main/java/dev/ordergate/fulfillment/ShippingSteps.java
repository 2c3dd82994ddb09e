package dev.ordergate.fulfillment;

import dev.ordergate.inventory.Availability;
import dev.ordergate.masterdata.MasterData;
import dev.ordergate.notify.StatusEvents;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The steps between release and invoice that only read or write our own records, as BPMN expressions
 * ({@code ${shipping.assess(execution)}}): what is left to ship, opening and closing a backorder, and customer
 * service's answer to a shipment problem.
 */
@Component("shipping")
public class ShippingSteps {

    /** Process variable: {@code in-warehouse}, {@code backorder} or {@code nothing}. */
    static final String LEFT_TO_SHIP = "leftToShip";

    private final Orders orders;
    private final ShippingLedger ledger;
    private final Shipments shipments;
    private final MasterData masterData;
    private final StatusEvents statusEvents;
    private final FulfilmentPolicy policy;
    private final Availability availability;
    private final Clock clock;

    ShippingSteps(Orders orders, ShippingLedger ledger, Shipments shipments, MasterData masterData,
                  StatusEvents statusEvents, FulfilmentPolicy policy, Availability availability, Clock clock) {
        this.availability = availability;
        this.orders = orders;
        this.ledger = ledger;
        this.shipments = shipments;
        this.masterData = masterData;
        this.statusEvents = statusEvents;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Sets {@code partialShipmentAccepted}: the customer takes partial shipments (the order says so) and something
     * of the order is free to ship now. Then a shortfall needs no review: what is there ships, the rest waits.
     */
    public void decidePartialShipment(DelegateExecution execution) {
        Order order = order(execution);
        // Customer service has just refused the substitute ('refuse' is that review's answer only): the shortfall is
        // theirs to decide, not split behind them.
        boolean substituteRefused = "refuse".equals(execution.getVariable("decision"));
        boolean somethingNow = !substituteRefused && order.allowPartialShipment()
                && availability.freeQuantities(ShippingLedger.skus(order)).values().stream()
                .anyMatch(free -> free.signum() > 0);
        execution.setVariable("partialShipmentAccepted", somethingNow);
    }

    /**
     * Sets {@code leftToShip}, {@code quantitiesCancelled} when the ERP has deliveries to close at the end, and
     * {@code anythingDelivered}: an order whose every line was taken off ends cancelled, with nothing to invoice.
     */
    public void assess(DelegateExecution execution) {
        Order order = order(execution);
        ShippingLedger.Left left = ShippingLedger.left(positions(order));
        execution.setVariable(LEFT_TO_SHIP, left.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        execution.setVariable("quantitiesCancelled", ledger.anythingCancelled(order.businessKey()));
        execution.setVariable("anythingDelivered", !shipments.takenBySku(order.businessKey(), false).isEmpty());
    }

    /**
     * The order waits for stock: the channel hears once that it is backordered (with what is missing), and the
     * backorder's expiry is fixed when it first opens.
     */
    public void backordered(DelegateExecution execution) {
        String orderId = orderId(execution);
        if (orders.get(orderId).status() != OrderStatus.BACKORDERED) {
            String missing = ShippingLedger.describe(toRelease(order(execution)));
            orders.advance(orderId, OrderStatus.BACKORDERED, "waiting for " + missing);
            statusEvents.publish(orderId, "backordered", "waiting for " + missing);
        }
        if (execution.getVariable("backorderExpiresAt") == null) {
            execution.setVariable("backorderExpiresAt",
                    OffsetDateTime.now(clock).plus(policy.getBackorderExpiresAfter()).toString());
        }
    }

    /** What the backorder still waits for is cancelled: the customer gets what shipped, and is invoiced for that. */
    public void closeBackorder(DelegateExecution execution, String reason) {
        Order order = order(execution);
        Map<String, BigDecimal> rest = toRelease(order);
        ledger.cancel(order.businessKey(), "backorder", rest, reason);
        statusEvents.publish(orderId(execution), "backorder_cancelled",
                reason + ": " + ShippingLedger.describe(rest));
    }

    /**
     * Customer service's answer to a shipment problem ({@code problemResolution}): {@code reship} sends the goods
     * again (the next release takes them), {@code cancel-line} and {@code refund} take them off the order; a refund
     * also tells the channel to pay the customer back.
     */
    public void resolveProblem(DelegateExecution execution) {
        String problemId = (String) execution.getVariable("shipmentId");
        String resolution = (String) execution.getVariable("problemResolution");
        shipments.resolve(problemId, resolution);
        if ("reship".equals(resolution)) {
            return;
        }
        Map<String, BigDecimal> quantities = new LinkedHashMap<>();
        shipments.lines(problemId).forEach(l -> quantities.merge(l.sku(), l.quantity(), BigDecimal::add));
        ledger.cancel(execution.getProcessBusinessKey(), problemId, quantities, resolution);
        statusEvents.publish(orderId(execution), "refund".equals(resolution) ? "refund_due" : "line_cancelled",
                execution.getVariable("shipmentProblem") + ": " + ShippingLedger.describe(quantities));
    }

    /** The task's complete listener: only the form's three answers are taken (Tasklist or REST). */
    public void requireResolution(org.camunda.bpm.engine.delegate.DelegateTask task) {
        Object resolution = task.getVariable("problemResolution");
        if (!List.of("reship", "refund", "cancel-line").contains(resolution)) {
            throw new org.camunda.bpm.engine.ProcessEngineException(
                    "problemResolution must be reship, refund or cancel-line, not '" + resolution + "'");
        }
    }

    private Map<String, BigDecimal> toRelease(Order order) {
        Map<String, BigDecimal> rest = new LinkedHashMap<>();
        positions(order).stream().filter(p -> p.toRelease().signum() > 0).forEach(p -> rest.put(p.sku(), p.toRelease()));
        return rest;
    }

    private List<ShippingLedger.Position> positions(Order order) {
        return ledger.positions(order, WarehouseReleases.stocked(order, masterData));
    }

    private Order order(DelegateExecution execution) {
        return orders.get(orderId(execution)).order();
    }

    private static String orderId(DelegateExecution execution) {
        return (String) execution.getVariable(OrderProcess.ORDER_ID);
    }
}
