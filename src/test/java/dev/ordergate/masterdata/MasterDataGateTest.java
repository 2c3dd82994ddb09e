package dev.ordergate.masterdata;

import static dev.ordergate.TestOrders.customer;
import static dev.ordergate.TestOrders.line;
import static dev.ordergate.TestOrders.masterData;
import static dev.ordergate.TestOrders.order;
import static dev.ordergate.TestOrders.stocked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.order.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master-data gate's policy on a master-data port in memory: no Spring, no engine. */
class MasterDataGateTest {

    @Test
    void knownCustomerAndProductsPass() {
        var gate = new MasterDataGate(masterData(List.of(customer("C-1")), stocked("CHAIR")));
        assertThat(gate.check(order("C-1", line("1", "CHAIR", "2", "10"))).passed()).isTrue();
    }

    @Test
    void unknownCustomerAndUnknownProductGoToTheSteward() {
        var gate = new MasterDataGate(masterData(List.of(), stocked("CHAIR")));
        Verdict verdict = gate.check(order("C-9", line("1", "CHAIR", "2", "10"), line("2", "DESK", "1", "10")));
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.REVIEW);
        assertThat(verdict.reasons()).containsExactly("Unknown customer C-9", "Line 2: unknown product DESK");
    }

    @Test
    void twoCustomersWithOneReferenceAreAmbiguous() {
        var gate = new MasterDataGate(masterData(List.of(customer("C-1"), customer("C-1")), stocked("CHAIR")));
        assertThat(gate.check(order("C-1", line("1", "CHAIR", "2", "10"))).reasons())
                .singleElement().asString().startsWith("Ambiguous customer C-1");
    }

    @Test
    void paymentTermsOtherThanTheSystemOfRecordsAreAConflict() {
        var gate = new MasterDataGate(masterData(List.of(new Customer("C-1", "Acme", "US", "60 Days", "retail")),
                stocked("CHAIR")));
        assertThat(gate.check(order("C-1", line("1", "CHAIR", "2", "10"))).reasons())
                .containsExactly("Payment terms: channel '30 Days', system of record '60 Days'");
    }

    @Test
    void aUnitOfMeasureOtherThanTheProductsIsAConflict() {
        var gate = new MasterDataGate(masterData(List.of(customer("C-1")),
                new Product("CHAIR", "Chair", "Dozens", true, "furniture")));
        assertThat(gate.check(order("C-1", line("1", "CHAIR", "2", "10"))).reasons())
                .containsExactly("Line 1 CHAIR: unit of measure: channel 'Units', system of record 'Dozens'");
    }
}
