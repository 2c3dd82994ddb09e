package dev.ordergate.inventory;

import static dev.ordergate.TestOrders.customer;
import static dev.ordergate.TestOrders.line;
import static dev.ordergate.TestOrders.masterData;
import static dev.ordergate.TestOrders.order;
import static dev.ordergate.TestOrders.service;
import static dev.ordergate.TestOrders.stocked;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The availability gate's policy with stock in memory: no Spring, no engine. */
class AvailabilityGateTest {

    private static AvailabilityGate gate(Map<String, BigDecimal> free) {
        Availability stock = (Collection<String> skus) -> free;
        return new AvailabilityGate(stock, masterData(List.of(customer("C-1")), stocked("CHAIR"), stocked("DESK"),
                service("SETUP")));
    }

    @Test
    void enoughStockForEveryLinePasses() {
        assertThat(gate(Map.of("CHAIR", new BigDecimal("12"))).check(order("C-1", line("1", "CHAIR", "12", "10")))
                .passed()).isTrue();
    }

    @Test
    void linesOfOneSkuAddUpAndAShortfallSaysWhatIsThere() {
        var verdict = gate(Map.of("CHAIR", new BigDecimal("10")))
                .check(order("C-1", line("1", "CHAIR", "6", "10"), line("2", "CHAIR", "6", "10"), line("3", "DESK", "1", "5")));
        assertThat(verdict.reasons()).containsExactly("CHAIR: ordered 12, available 10 (partly available)",
                "DESK: ordered 1, available 0 (none available)");
    }

    @Test
    void aServiceIsNeverShort() {
        assertThat(gate(Map.of()).check(order("C-1", line("1", "SETUP", "1", "50"))).passed()).isTrue();
    }
}
