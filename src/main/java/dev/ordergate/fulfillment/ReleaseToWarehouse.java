package dev.ordergate.fulfillment;

import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import dev.ordergate.sales.SalesOrders;
import dev.ordergate.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Hands the warehouse what can ship now: of each stocked product, what the ERP has reserved for the order and is
 * neither shipped nor at the warehouse already (so the same step serves the first release, a backorder's release
 * once stock is back, and a reshipment). Unstocked lines go with the first release. Nothing to hand over is fine:
 * the process then finds the order backordered.
 */
@Component("releaseToWarehouse")
class ReleaseToWarehouse implements JavaDelegate {

    private final Orders orders;
    private final Warehouse warehouse;
    private final SalesOrders salesOrders;
    private final MasterData masterData;
    private final ShippingLedger ledger;

    ReleaseToWarehouse(Orders orders, Warehouse warehouse, SalesOrders salesOrders, MasterData masterData,
                       ShippingLedger ledger) {
        this.orders = orders;
        this.warehouse = warehouse;
        this.salesOrders = salesOrders;
        this.masterData = masterData;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        Order order = orders.get(orderId).order();
        String businessKey = order.businessKey();
        Set<String> stocked = stocked(order, masterData);
        int seq = ledger.nextReleaseSeq(businessKey);

        Map<String, BigDecimal> quantities = new LinkedHashMap<>();
        if (seq == 1) {
            order.lines().stream().filter(l -> !stocked.contains(l.sku()))
                    .forEach(l -> quantities.merge(l.sku(), l.quantity(), BigDecimal::add));
        }
        List<ShippingLedger.Position> positions = ledger.positions(order, stocked);
        if (!stocked.isEmpty()) {
            Map<String, BigDecimal> reserved = salesOrders.reserveOpenDeliveries(businessKey);
            for (ShippingLedger.Position p : positions) {
                BigDecimal canShip = reserved.getOrDefault(p.sku(), BigDecimal.ZERO)
                        .min(p.owed().subtract(p.shipped())).subtract(p.inWarehouse());
                if (canShip.signum() > 0) {
                    quantities.put(p.sku(), canShip);
                }
            }
        }
        if (quantities.isEmpty()) {
            return;
        }
        List<OrderLine> lines = ShippingLedger.cut(order, quantities);
        warehouse.release(ShippingLedger.releaseId(businessKey, seq), order.withLines(lines));
        ledger.recordRelease(businessKey, seq, lines);
        boolean anythingShipped = positions.stream().anyMatch(p -> p.shipped().signum() > 0);
        orders.advance(orderId, anythingShipped ? OrderStatus.PARTIALLY_SHIPPED : OrderStatus.RELEASED,
                seq == 1 ? null : "release " + seq + ": " + ShippingLedger.describe(quantities));
    }

    /** The order's products the warehouse keeps stock of; an unknown SKU counts as stocked (it must be shipped). */
    static Set<String> stocked(Order order, MasterData masterData) {
        Map<String, Product> products = masterData.resolved(order).products();
        return ShippingLedger.skus(order).stream()
                .filter(sku -> !products.containsKey(sku) || products.get(sku).storable())
                .collect(Collectors.toSet());
    }
}
