package dev.ordergate.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceRowPolicyTest {

    @Test
    void tiersOfTheSameQuantityWithOverlappingWindowsAreBothRejected() {
        var rejected = PriceRowPolicy.rejections(List.of(
                row("10", "5.00", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)),
                row("10", "4.00", LocalDate.of(2026, 3, 31), null)));

        assertThat(rejected).containsOnlyKeys(0, 1);
        assertThat(rejected.get(0)).startsWith("overlapping tiers");
    }

    @Test
    void consecutiveWindowsAndDifferentTiersAreFine() {
        assertThat(PriceRowPolicy.rejections(List.of(
                row("10", "5.00", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 30)),
                row("10", "4.00", LocalDate.of(2026, 3, 31), null),
                row("50", "3.00", null, null)))).isEmpty();
    }

    @Test
    void aNegativePriceAndAWindowEndingBeforeItStartsAreRejected() {
        var rejected = PriceRowPolicy.rejections(List.of(
                row("1", "-0.01", null, null),
                row("1", "2.00", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 1))));

        assertThat(rejected.get(0)).isEqualTo("negative price");
        assertThat(rejected.get(1)).startsWith("valid to 2026-04-01 is before");
    }

    @Test
    void aCsvDropWithAnUnparsablePriceKeepsTheRowForRejection() {
        var rows = FileDropPriceSource.readCsv(List.of(
                "pricelist,currency,customer_ref,sku,min_quantity,price,valid_from,valid_to",
                "Tier A,USD,,FURN_0269,10,289.00,2026-01-01,",
                "Tier A,USD,C-10042,E-COM07,1,abc,,"));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).validFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(rows.get(0).price()).isEqualByComparingTo("289.00");
        assertThat(rows.get(1).customerRef()).isEqualTo("C-10042");
        assertThat(PriceRowPolicy.rejections(rows)).containsEntry(1, "no price, or not a number");
    }

    private static PriceAgreement row(String minQuantity, String price, LocalDate from, LocalDate to) {
        return new PriceAgreement("Tier A", "USD", null, "FURN_0269", new BigDecimal(minQuantity), new BigDecimal(price), from, to);
    }
}
