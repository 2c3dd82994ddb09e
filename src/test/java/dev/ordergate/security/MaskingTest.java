package dev.ordergate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void aSecretShowsOnlyWhetherItIsSet() {
        assertThat(Masking.secret("b2b-portal-demo-secret")).isEqualTo("****");
        assertThat(Masking.secret("")).isEqualTo("<unset>");
    }

    @Test
    void anAmountShowsItsOrderOfMagnitudeOnly() {
        assertThat(Masking.amount(new BigDecimal("1234.50"))).isEqualTo("~10^3");
        assertThat(Masking.amount(new BigDecimal("299.00"))).isEqualTo("~10^2");
        assertThat(Masking.amount(new BigDecimal("-0.05"))).isEqualTo("-~10^-2");
        assertThat(Masking.amount(BigDecimal.ZERO)).isEqualTo("0");
    }

    @Test
    void aTaxIdShowsItsLastTwoCharactersOnly() {
        assertThat(Masking.identifier("DE123456789")).isEqualTo("****89");
        assertThat(Masking.identifier("AB1")).isEqualTo("****");
    }

    @Test
    void keycloakSettingsNeverPrintTheClientSecret() {
        var settings = new KeycloakProperties("http://localhost:8180", "ordergate", "camunda-identity-service",
                "camunda-identity-service-demo-secret");

        assertThat(settings.toString()).doesNotContain("demo-secret").contains("identityClientSecret=****");
    }

    @Test
    void aChannelReadsTheCreditReasonCodeWithoutLimitOrExposure() {
        String reviewer = "Credit limit 3000.00 USD, open exposure 2500.00, this order 1400.00, exposure after 3900.00"
                + " exceeds the credit limit";

        assertThat(Masking.forChannel("credit", reviewer)).isEqualTo("credit-limit: stopped at the credit check");
    }

    @Test
    void aChannelReadsEachPriceReasonCodeOnceWithoutAuthorityPriceOrMargin() {
        String reviewer = "Line 1 FURN_0269: submitted 250.00, authority 299.00, difference -49.00 per unit (-16.39%),"
                + " margin impact -98.00\nLine 2 E-COM07: submitted 1.00, authority 280.00, difference -279.00 per unit"
                + " (-99.64%), margin impact -1395.00\nLine 3 X-1: no price from the pricing authority";

        assertThat(Masking.forChannel("pricing", reviewer))
                .isEqualTo("price-mismatch, no-price: stopped at the price check")
                .doesNotContain("299").doesNotContain("margin");
    }

    @Test
    void anUnrecognisedReasonReachesTheChannelAsOtherNotAsItsText() {
        assertThat(Masking.forChannel("pricing", "Authority price 12.00 changed")).isEqualTo("other: stopped at the price check");
        assertThat(Masking.forChannel("some-new-gate", "margin 3.00")).isEqualTo("other: waits for a review");
        assertThat(Masking.forChannel("credit", null)).isNull();
    }
}
