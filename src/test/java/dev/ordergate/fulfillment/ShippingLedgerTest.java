package dev.ordergate.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.fulfillment.ShippingLedger.Facts;
import dev.ordergate.fulfillment.ShippingLedger.Left;
import dev.ordergate.fulfillment.ShippingLedger.Position;
import dev.ordergate.order.Address;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipping ledger's arithmetic, from stored facts only (plain JUnit: no Spring, no database). */
class ShippingLedgerTest {

    private static final Order ORDER = new Order("b2b-portal", "PO-1", "C-10042",
            new Address("Acme", "1 Dock Rd", "Fresno", "93701", "US"), null, "USD", null,
            List.of(line("1", "CHAIR", 10), line("2", "LAMP", 5), line("3", "CHAIR", 2), line("4", "SETUP", 1)),
            true, true);
    private static final Set<String> STOCKED = Set.of("CHAIR", "LAMP");

    @Test
    void anOrderNothingHappenedToYetOwesEverythingStockedAndNothingElse() {
        List<Position> positions = ShippingLedger.reckon(ORDER, STOCKED, facts(Map.of(), Map.of(), Map.of(), Map.of()));

        assertThat(positions).containsExactly(position("CHAIR", 12, 0, 0, 12), position("LAMP", 5, 0, 0, 5));
        assertThat(ShippingLedger.left(positions)).isEqualTo(Left.BACKORDER);
    }

    @Test
    void goodsAtTheWarehouseAreReleasedLessWhatShippedAndWhatWasReportedLost() {
        List<Position> positions = ShippingLedger.reckon(ORDER, STOCKED,
                facts(Map.of(), Map.of("CHAIR", 4), Map.of("CHAIR", 1), Map.of("CHAIR", 8, "LAMP", 5)));

        assertThat(positions).containsExactly(position("CHAIR", 12, 4, 3, 5), position("LAMP", 5, 0, 5, 0));
        assertThat(ShippingLedger.left(positions)).as("wait for the warehouse first").isEqualTo(Left.IN_WAREHOUSE);
    }

    @Test
    void cancelledQuantitiesAreNotOwedAndAFullyShippedOrderHasNothingLeft() {
        List<Position> positions = ShippingLedger.reckon(ORDER, STOCKED,
                facts(Map.of("LAMP", 5, "CHAIR", 2), Map.of("CHAIR", 10), Map.of(), Map.of("CHAIR", 10)));

        assertThat(positions).containsExactly(position("CHAIR", 10, 10, 0, 0), position("LAMP", 0, 0, 0, 0));
        assertThat(ShippingLedger.left(positions)).isEqualTo(Left.NOTHING);
    }

    @Test
    void linesAreCutToWhatCanShipFirstLinesFirst() {
        List<OrderLine> cut = ShippingLedger.cut(ORDER, Map.of("CHAIR", new BigDecimal("11"), "LAMP", BigDecimal.ZERO));

        assertThat(cut).extracting(OrderLine::lineRef, l -> l.quantity().intValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", 10), org.assertj.core.groups.Tuple.tuple("3", 1));
        assertThat(ShippingLedger.describe(Map.of("CHAIR", new BigDecimal("2.000")))).isEqualTo("CHAIR x 2");
        assertThat(ShippingLedger.releaseId("b2b-portal:PO-1", 1)).isEqualTo("b2b-portal:PO-1");
        assertThat(ShippingLedger.releaseId("b2b-portal:PO-1", 3)).isEqualTo("b2b-portal:PO-1~3");
    }

    private static Facts facts(Map<String, Integer> cancelled, Map<String, Integer> shipped, Map<String, Integer> failed,
                               Map<String, Integer> released) {
        return new Facts(decimals(cancelled), decimals(shipped), decimals(failed), decimals(released));
    }

    private static Map<String, BigDecimal> decimals(Map<String, Integer> quantities) {
        return quantities.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> BigDecimal.valueOf(e.getValue())));
    }

    private static Position position(String sku, int owed, int shipped, int inWarehouse, int toRelease) {
        return new Position(sku, BigDecimal.valueOf(owed), BigDecimal.valueOf(shipped), BigDecimal.valueOf(inWarehouse),
                BigDecimal.valueOf(toRelease));
    }

    private static OrderLine line(String ref, String sku, int quantity) {
        return new OrderLine(ref, sku, BigDecimal.valueOf(quantity), "Units", new BigDecimal("10.00"), null);
    }
}
