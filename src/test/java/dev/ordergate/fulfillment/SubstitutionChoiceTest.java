package dev.ordergate.fulfillment;

import static dev.ordergate.TestOrders.line;
import static dev.ordergate.TestOrders.service;
import static dev.ordergate.TestOrders.stocked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.inventory.SubstitutionPolicy.Mode;
import dev.ordergate.inventory.Substitutions.Kept;
import dev.ordergate.inventory.Substitutions.Proposal;
import dev.ordergate.masterdata.ResolvedOrder;
import dev.ordergate.order.OrderLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the process does with short lines and substitutes, as plain functions: no Spring, no engine. */
class SubstitutionChoiceTest {

    private static Proposal proposal(String lineRef, Mode mode) {
        return new Proposal(lineRef, "CHAIR", "Chair", "CHAIR-2", "Chair, grey", BigDecimal.TEN, "Units",
                BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.TEN, mode);
    }

    @Test
    void withoutASubstituteInStockThereIsNothingToChoose() {
        assertThat(FindSubstitutes.outcome(List.of())).isEqualTo("none");
    }

    @Test
    void anyAllowedSubstituteThatNeedsApprovalSendsTheOrderToCustomerService() {
        assertThat(FindSubstitutes.outcome(List.of(proposal("1", Mode.AUTOMATIC), proposal("2", Mode.APPROVAL),
                proposal("3", Mode.NOT_ALLOWED)))).isEqualTo("approval");
    }

    @Test
    void allowedSubstitutesOnlyAutomaticAreShippedWithoutAsking() {
        assertThat(FindSubstitutes.outcome(List.of(proposal("1", Mode.AUTOMATIC), proposal("2", Mode.NOT_ALLOWED))))
                .isEqualTo("automatic");
    }

    @Test
    void whenThePolicyAllowsNoneTheOrderWaitsAsShort() {
        assertThat(FindSubstitutes.outcome(List.of(proposal("1", Mode.NOT_ALLOWED)))).isEqualTo("not-allowed");
    }

    @Test
    void aKeptProposalReplacesItsLineOnceAndSaysSo() {
        List<OrderLine> lines = List.of(line("1", "CHAIR", "10", "1"), line("2", "DESK", "1", "5"));
        var result = SubstituteLines.substitute(lines, List.of(new Kept("1", "CHAIR", "CHAIR-2", Mode.AUTOMATIC)));
        assertThat(result.lines()).extracting(OrderLine::sku).containsExactly("CHAIR-2", "DESK");
        assertThat(result.lines().get(0).substitutedFor()).isEqualTo("CHAIR");
        assertThat(result.changed()).containsExactly("line 1: CHAIR-2 for CHAIR");
        assertThat(SubstituteLines.substitute(result.lines(), List.of(new Kept("1", "CHAIR", "CHAIR-3", Mode.AUTOMATIC)))
                .changed()).isEmpty();
    }

    @Test
    void cancellingShortLinesKeepsWhatStockCoversFirstComeFirstServedAndEveryService() {
        List<OrderLine> kept = ReviewActions.linesInStock(
                List.of(line("1", "CHAIR", "6", "1"), line("2", "CHAIR", "6", "1"), line("3", "SETUP", "1", "50")),
                new ResolvedOrder(List.of(), Map.of("CHAIR", stocked("CHAIR"), "SETUP", service("SETUP"))),
                Map.of("CHAIR", new BigDecimal("8")));
        assertThat(kept).extracting(OrderLine::lineRef).containsExactly("1", "3");
    }
}
