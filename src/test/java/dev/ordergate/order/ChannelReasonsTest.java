package dev.ordergate.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelReasonsTest {

    @Test
    void aChannelReadsTheCreditReasonCodeWithoutLimitOrExposure() {
        String reviewer = "Credit limit 3000.00 USD, open exposure 2500.00, this order 1400.00, exposure after 3900.00"
                + " exceeds the credit limit";

        assertThat(ChannelReasons.of("credit", reviewer)).isEqualTo("credit-limit: stopped at the credit check");
    }

    @Test
    void aChannelReadsEachPriceReasonCodeOnceWithoutAuthorityPriceOrMargin() {
        String reviewer = "Line 1 FURN_0269: submitted 250.00, authority 299.00, difference -49.00 per unit (-16.39%),"
                + " margin impact -98.00\nLine 2 E-COM07: submitted 1.00, authority 280.00, difference -279.00 per unit"
                + " (-99.64%), margin impact -1395.00\nLine 3 X-1: no price from the pricing authority";

        assertThat(ChannelReasons.of("pricing", reviewer))
                .isEqualTo("price-mismatch, no-price: stopped at the price check")
                .doesNotContain("299").doesNotContain("margin");
    }

    @Test
    void anUnrecognisedReasonReachesTheChannelAsOtherNotAsItsText() {
        assertThat(ChannelReasons.of("pricing", "Authority price 12.00 changed")).isEqualTo("other: stopped at the price check");
        assertThat(ChannelReasons.of("some-new-gate", "margin 3.00")).isEqualTo("other: waits for a review");
        assertThat(ChannelReasons.of("credit", null)).isNull();
    }
}
