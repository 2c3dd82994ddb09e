package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.ordergate.odoo.OdooFixtures.azureInterior;
import static dev.ordergate.odoo.OdooFixtures.kwargs;
import static dev.ordergate.odoo.OdooFixtures.line;
import static dev.ordergate.odoo.OdooFixtures.order;
import static dev.ordergate.odoo.OdooFixtures.orderSearch;
import static dev.ordergate.odoo.OdooFixtures.partnerSearch;
import static dev.ordergate.odoo.OdooFixtures.product;
import static dev.ordergate.odoo.OdooFixtures.productSearch;
import static dev.ordergate.odoo.OdooFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.order.Order;
import dev.ordergate.sales.SalesOrderRef;
import dev.ordergate.sales.SalesOrders;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OdooSalesOrdersTest extends OdooTest {

    /** Transcripts 81/82: the second lab order, Azure Interior, 2 x FURN_0269 at 110. */
    static final Order SECOND_ORDER = order("EXT-0002", "CUST-AZURE", line("1", "FURN_0269", "2", "110.00"));
    static final String KEY = SECOND_ORDER.businessKey();
    static final List<String> ORDER_FIELDS = List.of("name", "state", "client_order_ref");

    @Autowired
    SalesOrders salesOrders;

    private final OdooExchange searchFindsNothing = OdooExchange.recorded(37).replacing("JAVA-EXT-0001", KEY);
    /**
     * Transcript 81's values, sent as {@code web_save} (Odoo 17+): the create answers the new order's name, so no
     * read follows it.
     */
    private final OdooExchange create = webSave(OdooExchange.recorded(81).replacing("JAVA-EXT-0002", KEY),
            record("id", 26, "name", "S00026"));
    private final OdooExchange confirm = OdooExchange.recorded(82);

    private void odooKnowsTheCustomerAndProduct() {
        stub(partnerSearch("CUST-AZURE", azureInterior()),
                productSearch(List.of("FURN_0269"), product(25, "FURN_0269", "Office Chair Black")));
    }

    /** The recorded create's values as a {@code web_save} without ids, asking for the name. */
    static OdooExchange webSave(OdooExchange recordedCreate, Map<String, Object> answer) {
        Object vals = OdooExchange.JSON.convertValue(recordedCreate.args().get(5).get(0), Map.class);
        return OdooExchange.executeKw("sale.order", "web_save", List.of(List.of(), vals),
                Map.of("specification", Map.of("name", Map.of()))).answering(List.of(answer));
    }

    @Test
    void commitSearchesByBusinessKeyThenCreatesWithTheQuotedPriceAndConfirms() {
        odooKnowsTheCustomerAndProduct();
        stub(searchFindsNothing, create, confirm);

        SalesOrderRef ref = salesOrders.commit(SECOND_ORDER);

        assertThat(ref).isEqualTo(new SalesOrderRef("S00026"));
        ODOO.verify(exactly(1), searchFindsNothing.requested());
        ODOO.verify(exactly(1), create.requested());
        ODOO.verify(exactly(1), confirm.requested());
    }

    @Test
    void aRetryAfterTheCreateAnswerWasLostFindsTheOrderInsteadOfCreatingItTwice() {
        odooKnowsTheCustomerAndProduct();
        ODOO.stubFor(searchFindsNothing.stub().inScenario("lost answer").whenScenarioStateIs(STARTED));
        // Odoo created order 26, but the gateway lost its answer.
        ODOO.stubFor(create.stub().inScenario("lost answer").whenScenarioStateIs(STARTED)
                .willSetStateTo("created").willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
        ODOO.stubFor(orderSearch(KEY, ORDER_FIELDS, record("id", 26, "name", "S00026", "state", "draft",
                "client_order_ref", KEY)).stub().inScenario("lost answer").whenScenarioStateIs("created"));
        stub(confirm);

        assertThatThrownBy(() -> salesOrders.commit(SECOND_ORDER))
                .isInstanceOf(OdooException.class)
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).isTrue());
        SalesOrderRef ref = salesOrders.commit(SECOND_ORDER);

        assertThat(ref).isEqualTo(new SalesOrderRef("S00026"));
        ODOO.verify(exactly(1), postRequestedFor(urlEqualTo("/jsonrpc"))
                .withRequestBody(matchingJsonPath("$.params.args[4]", equalTo("web_save"))));
        ODOO.verify(exactly(1), confirm.requested());
    }

    @Test
    void anOrderAlreadyConfirmedIsAnsweredAsItIs() {
        stub(orderSearch(KEY, ORDER_FIELDS, record("id", 26, "name", "S00026", "state", "sale", "client_order_ref", KEY)));

        assertThat(salesOrders.commit(SECOND_ORDER)).isEqualTo(new SalesOrderRef("S00026"));
        ODOO.verify(exactly(0), confirm.requested());
        ODOO.verify(exactly(0), create.requested());
    }

    @Test
    void aCancelledOrderIsABusinessErrorNotARecreation() {
        stub(orderSearch(KEY, ORDER_FIELDS, record("id", 26, "name", "S00026", "state", "cancel", "client_order_ref", KEY)));

        assertThatThrownBy(() -> salesOrders.commit(SECOND_ORDER))
                .isInstanceOf(OdooBusinessException.class)
                .hasMessageContaining("S00026")
                .hasMessageContaining("cancelled");
        ODOO.verify(exactly(0), create.requested());
    }

    @Test
    void aPartialShipmentPicksWhatShippedValidatesAndLeavesABackorder() {
        String key = "shop:EXT-0001";
        stub(orderSearch(key, List.of("name", "state", "picking_ids", "order_line"),
                        record("id", 25, "name", "S00025", "state", "sale", "picking_ids", List.of(17),
                                "order_line", List.of(60, 61))),
                productSearch(List.of("E-COM07", "E-COM08"), product(17, "E-COM07", "Large Cabinet"),
                        product(18, "E-COM08", "Storage Box")),
                nothingDelivered(60, 61, 17, 18));
        List<OdooExchange> walk = List.of(
                OdooExchange.recorded(43).withFields("name", "state", "move_ids"),
                OdooExchange.recorded(44).withFields("product_id", "product_uom_qty", "quantity", "picked", "state"),
                // Transcripts 45 and 46 wrote each move; one write on the picking updates both.
                OdooExchange.executeKw("stock.picking", "write", List.of(List.of(17), Map.of("move_ids", List.of(
                        List.of(1, 38, Map.of("quantity", 5, "picked", true)),
                        List.of(1, 39, Map.of("quantity", 10, "picked", true))))), null).answering(true),
                // Recorded without a context; we ask Odoo not to raise the SMS question, and still answer it if it comes.
                OdooExchange.recorded(47).withKwargs(Map.of("context", Map.of("skip_sms", true))),
                OdooExchange.recorded(48),
                OdooExchange.recorded(50),
                OdooExchange.recorded(52));
        walk.forEach(OdooTest::stub);
        Map<String, BigDecimal> shipped = new LinkedHashMap<>();
        shipped.put("E-COM07", new BigDecimal("5"));
        shipped.put("E-COM08", new BigDecimal("10.000"));

        salesOrders.recordDelivery(key, shipped);

        walk.forEach(exchange -> ODOO.verify(exactly(1), exchange.requested()));
    }

    @Test
    void aDeliveryAlreadyDoneIsLeftAlone() {
        String key = "shop:EXT-0001";
        stub(orderSearch(key, List.of("name", "state", "picking_ids", "order_line"),
                        record("id", 25, "name", "S00025", "state", "sale", "picking_ids", List.of(17),
                                "order_line", List.of(60))),
                productSearch(List.of("E-COM07"), product(17, "E-COM07", "Large Cabinet")),
                nothingDelivered(60, 17),
                OdooExchange.recorded(53).withFields("name", "state", "move_ids"));

        salesOrders.recordDelivery(key, Map.of("E-COM07", new BigDecimal("5")));

        ODOO.verify(exactly(0), postRequestedFor(urlEqualTo("/jsonrpc"))
                .withRequestBody(matchingJsonPath("$.params.args[3]", equalTo("stock.move"))));
    }

    @Test
    void whatOdooHasDeliveredAlreadyIsNotDeliveredAgain() {
        String key = "shop:EXT-0001";
        stub(orderSearch(key, List.of("name", "state", "picking_ids", "order_line"),
                        record("id", 25, "name", "S00025", "state", "sale", "picking_ids", List.of(17, 18),
                                "order_line", List.of(60))),
                productSearch(List.of("E-COM07"), product(17, "E-COM07", "Large Cabinet")),
                OdooExchange.executeKw("sale.order.line", "read", List.of(List.of(60)),
                        kwargs("fields", List.of("product_id", "qty_delivered")))
                        .answering(List.of(record("id", 60, "product_id", List.of(17, "Large Cabinet"), "qty_delivered", 5.0))));

        // The second shipment's call carries everything shipped so far (5), which Odoo has delivered already.
        salesOrders.recordDelivery(key, Map.of("E-COM07", new BigDecimal("5")));

        ODOO.verify(exactly(0), postRequestedFor(urlEqualTo("/jsonrpc"))
                .withRequestBody(matchingJsonPath("$.params.args[3]", equalTo("stock.picking"))));
    }

    /** Odoo's order lines (ids, then their products' ids) with nothing delivered yet. */
    private static OdooExchange nothingDelivered(int... lineIdsThenProductIds) {
        int half = lineIdsThenProductIds.length / 2;
        List<Integer> lineIds = new java.util.ArrayList<>();
        List<Object> lines = new java.util.ArrayList<>();
        for (int i = 0; i < half; i++) {
            lineIds.add(lineIdsThenProductIds[i]);
            lines.add(record("id", lineIdsThenProductIds[i], "product_id", List.of(lineIdsThenProductIds[half + i], "Product"),
                    "qty_delivered", 0.0));
        }
        return OdooExchange.executeKw("sale.order.line", "read", List.of(lineIds),
                kwargs("fields", List.of("product_id", "qty_delivered"))).answering(lines);
    }
}
