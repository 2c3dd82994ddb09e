package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.ordergate.odoo.OdooFixtures.kwargs;
import static dev.ordergate.odoo.OdooFixtures.orderSearch;
import static dev.ordergate.odoo.OdooFixtures.product;
import static dev.ordergate.odoo.OdooFixtures.productSearch;
import static dev.ordergate.odoo.OdooFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.sales.ReturnRef;
import dev.ordergate.sales.Returns;
import dev.ordergate.sales.SalesOrderRef;
import dev.ordergate.sales.SalesOrders;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Cancelling and returning against Odoo 18 over JSON-RPC, with the 18.0 transcripts' requests. */
class OdooCancelAndReturnTest extends OdooTest {

    static final List<String> STATUS_FIELDS = List.of("name", "state", "locked");
    static final Map<String, Object> NO_WARNING = Map.of("context", Map.of("disable_cancel_warning", true));

    @Autowired
    SalesOrders salesOrders;
    @Autowired
    Returns returns;

    @Test
    void aConfirmedOrderIsCancelledWithoutTheWizardThroughDisableCancelWarning() {
        OdooExchange cancel = OdooExchange.recorded(90);
        stub(orderSearch("shop:EXT-0003", STATUS_FIELDS, record("id", 27, "name", "S00027", "state", "sale",
                "locked", false)), cancel);

        assertThat(salesOrders.cancel("shop:EXT-0003")).contains(new SalesOrderRef("S00027"));
        ODOO.verify(exactly(1), cancel.requested());
    }

    @Test
    void aCancelWizardThatComesAnywayIsAnsweredWithCancel() {
        OdooExchange wizardAction = OdooExchange.recorded(83).withKwargs(NO_WARNING);
        OdooExchange wizard = OdooExchange.recorded(84);
        OdooExchange cancel = OdooExchange.recorded(85);
        stub(orderSearch("shop:EXT-0002", STATUS_FIELDS, record("id", 26, "name", "S00026", "state", "sale",
                "locked", false)), wizardAction, wizard, cancel);

        assertThat(salesOrders.cancel("shop:EXT-0002")).contains(new SalesOrderRef("S00026"));
        List.of(wizardAction, wizard, cancel).forEach(e -> ODOO.verify(exactly(1), e.requested()));
    }

    @Test
    void aLockedOrderIsForAPersonAndACancelledOneIsLeftAlone() {
        stub(orderSearch("shop:LOCKED", STATUS_FIELDS, record("id", 25, "name", "S00025", "state", "sale", "locked", true)),
                orderSearch("shop:GONE", STATUS_FIELDS, record("id", 26, "name", "S00026", "state", "cancel", "locked", false)),
                orderSearch("shop:NEVER", STATUS_FIELDS));

        assertThatThrownBy(() -> salesOrders.cancel("shop:LOCKED")).isInstanceOf(OdooBusinessException.class)
                .hasMessageContaining("locked");
        assertThat(salesOrders.cancel("shop:GONE")).contains(new SalesOrderRef("S00026"));
        assertThat(salesOrders.cancel("shop:NEVER")).isEmpty();
        ODOO.verify(exactly(0), postRequestedFor(urlEqualTo("/jsonrpc"))
                .withRequestBody(matchingJsonPath("$.params.args[4]", equalTo("action_cancel"))));
    }

    @Test
    void aReturnIsOpenedThroughTheReturnWizardAndARetryFindsItByOurReference() {
        String key = "shop:EXT-0001";
        List<?> tagged = List.of(List.of("return_id", "in", List.of(17)), List.of("origin", "=", "RET-1"));
        stub(orderSearch(key, List.of("name", "picking_ids"), record("id", 25, "name", "S00025", "picking_ids", List.of(17))),
                OdooExchange.executeKw("stock.picking", "read", List.of(List.of(17)),
                        kwargs("fields", List.of("name", "state", "picking_type_code", "origin"))).answering(List.of(
                        record("id", 17, "name", "WH/OUT/00012", "state", "done", "picking_type_code", "outgoing",
                                "origin", "S00025 - JAVA-EXT-0001"))),
                OdooExchange.executeKw("stock.picking", "search_read", List.of(List.of(List.of("return_id", "in", List.of(17)),
                                List.of("origin", "=like", "Return of %"), List.of("state", "!=", "cancel"))),
                        kwargs("fields", List.of("name"))).answering(List.of()),
                productSearch(List.of("E-COM07"), product(17, "E-COM07", "Large Cabinet")),
                OdooExchange.executeKw("stock.picking", "write", List.of(List.of(19), Map.of("origin", "RET-1")), null),
                OdooExchange.executeKw("stock.picking", "read", List.of(List.of(19)), kwargs("fields", List.of("name")))
                        .answering(List.of(record("id", 19, "name", "WH/IN/00006"))));
        ODOO.stubFor(OdooExchange.executeKw("stock.picking", "search_read", List.of(tagged), kwargs("fields", List.of("name")))
                .answering(List.of()).stub().inScenario("return").whenScenarioStateIs("Started"));
        List<OdooExchange> walk = List.of(OdooExchange.recorded(71),
                OdooExchange.recorded(72).withFields("product_return_moves"),
                OdooExchange.recorded(73).withFields("product_id", "quantity", "move_quantity"),
                // The recording set only the line it returned; we write every line, the others to 0.
                OdooExchange.recorded(74).replacing("[[1,1,{\"quantity\":2}]]",
                        "[[1,1,{\"quantity\":2}],[1,2,{\"quantity\":0}]]"));
        walk.forEach(OdooTest::stub);
        ODOO.stubFor(OdooExchange.recorded(75).stub().inScenario("return").willSetStateTo("opened"));
        ODOO.stubFor(OdooExchange.executeKw("stock.picking", "search_read", List.of(tagged), kwargs("fields", List.of("name")))
                .answering(List.of(record("id", 19, "name", "WH/IN/00006"))).stub()
                .inScenario("return").whenScenarioStateIs("opened"));

        ReturnRef opened = returns.open(key, "RET-1", Map.of("E-COM07", new BigDecimal("2")));
        ReturnRef again = returns.open(key, "RET-1", Map.of("E-COM07", new BigDecimal("2")));

        assertThat(opened).isEqualTo(new ReturnRef("RET-1", List.of("WH/IN/00006")));
        assertThat(again).isEqualTo(opened);
        walk.forEach(e -> ODOO.verify(exactly(1), e.requested()));
        ODOO.verify(exactly(1), OdooExchange.recorded(75).requested());
    }
}
