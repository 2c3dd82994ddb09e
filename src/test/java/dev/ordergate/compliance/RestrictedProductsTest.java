package dev.ordergate.compliance;

import static dev.ordergate.TestOrders.customer;
import static dev.ordergate.TestOrders.line;
import static dev.ordergate.TestOrders.masterData;
import static dev.ordergate.TestOrders.order;
import static dev.ordergate.TestOrders.service;
import static dev.ordergate.TestOrders.stocked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.order.Address;
import dev.ordergate.order.Order;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The restricted-products gate's policy with a restriction table in memory: no Spring, no engine. */
class RestrictedProductsTest {

    /** Installation is sold in the US only; services (by category) must not go to "XX". */
    private static final RestrictionPolicy TABLE = (sku, category, country) ->
            sku.equals("SETUP") && !country.equals("US") ? Optional.of("installation is sold in the US only")
                    : "services".equals(category) && country.equals("XX") ? Optional.of("no services to XX")
                    : Optional.empty();

    private static final RestrictedProducts GATE =
            new RestrictedProducts(masterData(List.of(customer("C-1")), stocked("CHAIR"), service("SETUP")), TABLE);

    private static Order shippedTo(String country, Order order) {
        Address a = order.shipTo();
        return new Order(order.channel(), order.channelOrderRef(), order.customerRef(),
                new Address(a.name(), a.street(), a.city(), a.postalCode(), country), order.requestedDate(),
                order.currency(), order.paymentTerms(), order.lines(), order.allowSubstitutes(),
                order.allowPartialShipment());
    }

    @Test
    void anOrderNothingRestrictsPasses() {
        assertThat(GATE.check(order("C-1", line("1", "CHAIR", "2", "10"), line("2", "SETUP", "1", "50"))).passed())
                .isTrue();
    }

    @Test
    void eachRestrictedLineIsAReasonForTheReviewWithTheTablesWords() {
        var verdict = GATE.check(shippedTo("CA", order("C-1", line("1", "CHAIR", "2", "10"),
                line("2", "SETUP", "1", "50"))));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).containsExactly("Line 2 SETUP to CA: installation is sold in the US only");
    }

    @Test
    void theTableSeesTheProductsCategoryFromTheResolvedOrder() {
        assertThat(GATE.check(shippedTo("XX", order("C-1", line("1", "SETUP", "1", "50")))).reasons())
                .containsExactly("Line 1 SETUP to XX: installation is sold in the US only");
        assertThat(GATE.check(shippedTo("XX", order("C-1", line("1", "CHAIR", "1", "50")))).passed()).isTrue();
    }
}
