package dev.ordergate.fulfillment;

import dev.ordergate.masterdata.MasterData;
import dev.ordergate.notify.StatusEvents;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import dev.ordergate.sales.SalesOrders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records in the ERP what the warehouse has shipped so far (the ERP delivers only what it has not seen yet and keeps
 * the rest on its backorder), and tells the channel about this shipment: shipped when nothing is left to ship,
 * partially shipped otherwise.
 */
@Component("recordDelivery")
class RecordDelivery implements JavaDelegate {

    private final Orders orders;
    private final Shipments shipments;
    private final SalesOrders salesOrders;
    private final MasterData masterData;
    private final ShippingLedger ledger;
    private final StatusEvents statusEvents;

    RecordDelivery(Orders orders, Shipments shipments, SalesOrders salesOrders, MasterData masterData,
                   ShippingLedger ledger, StatusEvents statusEvents) {
        this.orders = orders;
        this.shipments = shipments;
        this.salesOrders = salesOrders;
        this.masterData = masterData;
        this.ledger = ledger;
        this.statusEvents = statusEvents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        String businessKey = execution.getProcessBusinessKey();
        Order order = orders.get(orderId).order();
        salesOrders.recordDelivery(businessKey, shipments.shippedBySku(businessKey));
        var positions = ledger.positions(order, WarehouseReleases.stocked(order, masterData));
        boolean everything = ShippingLedger.left(positions) == ShippingLedger.Left.NOTHING;
        String shipmentId = (String) execution.getVariable("shipmentId");
        String detail = "shipment " + shipmentId + ": " + Shipments.describe(shipments.lines(shipmentId));
        orders.advance(orderId, everything ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED, detail);
        statusEvents.publish(orderId, everything ? "shipped" : "partially_shipped", detail);
    }
}
