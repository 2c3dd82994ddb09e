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
}
