package dev.ordergate.fulfillment;

import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.ResolvedOrder;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
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
import org.springframework.stereotype.Service;

/**
 * Releasing an order to the warehouse: the first release sends what the warehouse does not stock (services, kits),
 * every release sends what the ERP reserved and is owed but not yet shipped or in the warehouse's hands.
 */
@Service
class WarehouseReleases {

    private final Orders orders;
    private final Warehouse warehouse;
    private final SalesOrders salesOrders;
    private final MasterData masterData;
    private final ShippingLedger ledger;

    WarehouseReleases(Orders orders, Warehouse warehouse, SalesOrders salesOrders, MasterData masterData,
                      ShippingLedger ledger) {
        this.orders = orders;
        this.warehouse = warehouse;
        this.salesOrders = salesOrders;
        this.masterData = masterData;
        this.ledger = ledger;
    }

    /** Releases what can go now, if anything, and records the release and the order's new status. */
    void release(String orderId) {
        Order order = orders.get(orderId).order();
        String businessKey = order.businessKey();
        Set<String> stocked = stocked(order, masterData);
        int seq = ledger.nextReleaseSeq(businessKey);
        List<ShippingLedger.Position> positions = ledger.positions(order, stocked);
        Map<String, BigDecimal> reserved = stocked.isEmpty() ? Map.of() : salesOrders.reserveOpenDeliveries(businessKey);
        Map<String, BigDecimal> quantities = toRelease(seq, order, stocked, positions, reserved);
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

    /**
     * Per SKU, what release {@code seq} sends: on the first, every unstocked line in full; for a stocked SKU, what
     * the ERP reserved, at most what is owed and not shipped, less what the warehouse already holds.
     */
    static Map<String, BigDecimal> toRelease(int seq, Order order, Set<String> stocked,
                                             List<ShippingLedger.Position> positions, Map<String, BigDecimal> reserved) {
        Map<String, BigDecimal> quantities = new LinkedHashMap<>();
        if (seq == 1) {
            order.lines().stream().filter(l -> !stocked.contains(l.sku()))
                    .forEach(l -> quantities.merge(l.sku(), l.quantity(), BigDecimal::add));
        }
        for (ShippingLedger.Position p : positions) {
            BigDecimal canShip = reserved.getOrDefault(p.sku(), BigDecimal.ZERO)
                    .min(p.owed().subtract(p.shipped())).subtract(p.inWarehouse());
            if (canShip.signum() > 0) {
                quantities.put(p.sku(), canShip);
            }
        }
        return quantities;
    }

    /** The order's products the warehouse keeps stock of; an unknown SKU counts as stocked (it must be shipped). */
    static Set<String> stocked(Order order, MasterData masterData) {
        ResolvedOrder resolved = masterData.resolved(order);
        return ShippingLedger.skus(order).stream().filter(resolved::stocked).collect(Collectors.toSet());
    }
}
