package dev.ordergate.fulfillment;

import static dev.ordergate.TestOrders.line;
import static dev.ordergate.TestOrders.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.order.Order;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a release hands the warehouse, as a plain function: no Spring, no engine, no ERP. */
class WarehouseReleasesTest {

    private static final Order ORDER = order("C-1", line("1", "CHAIR", "12", "10"), line("2", "SETUP", "1", "50"));

    private static ShippingLedger.Position position(String owed, String shipped, String inWarehouse) {
        return new ShippingLedger.Position("CHAIR", new BigDecimal(owed), new BigDecimal(shipped),
                new BigDecimal(inWarehouse), BigDecimal.ZERO);
    }

    @Test
    void theFirstReleaseSendsUnstockedLinesInFullAndWhatTheErpReserved() {
        var quantities = WarehouseReleases.toRelease(1, ORDER, Set.of("CHAIR"), List.of(position("12", "0", "0")),
                Map.of("CHAIR", new BigDecimal("8")));
        assertThat(quantities).containsOnly(Map.entry("SETUP", BigDecimal.ONE), Map.entry("CHAIR", new BigDecimal("8")));
    }

    @Test
    void aLaterReleaseSendsOnlyWhatIsOwedAndNeitherShippedNorAtTheWarehouse() {
        var quantities = WarehouseReleases.toRelease(2, ORDER, Set.of("CHAIR"), List.of(position("12", "8", "1")),
                Map.of("CHAIR", new BigDecimal("10")));
        assertThat(quantities).containsOnly(Map.entry("CHAIR", new BigDecimal("3")));
    }

    @Test
    void nothingReservedIsNothingToRelease() {
        assertThat(WarehouseReleases.toRelease(2, ORDER, Set.of("CHAIR"), List.of(position("12", "8", "0")), Map.of()))
                .isEmpty();
    }
}
