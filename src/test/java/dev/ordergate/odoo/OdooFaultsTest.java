package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.ordergate.odoo.OdooFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.odoo.client.OdooJson2;
import dev.ordergate.odoo.client.OdooProperties.Protocol;
import dev.ordergate.odoo.client.OdooProperties;
import dev.ordergate.odoo.client.OdooRpc;
import dev.ordergate.sales.SalesOrderRef;
import dev.ordergate.sales.SalesOrders;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The worst case of every transport failure: Odoo created the order, but its answer never arrived (a timeout, a
 * reset connection, a 502 or 503 from the proxy in front of Odoo). The failure is retryable, and the retry finds
 * the order by its business key and confirms it: exactly one create reaches Odoo, over either protocol.
 */
class OdooFaultsTest extends OdooTest {

    @Autowired
    SalesOrders jsonRpcSalesOrders;
    @Autowired
    OdooRpc rpc;
    @Autowired
    OdooJson2 json2;

    @ParameterizedTest(name = "{0}, answer to web_save lost by {1}")
    @CsvSource({"json-rpc, TIMEOUT", "json-rpc, RESET", "json-rpc, 502", "json-rpc, 503",
            "json-2, TIMEOUT", "json-2, RESET", "json-2, 502", "json-2, 503"})
    void aLostCreateAnswerIsRetriedIntoTheSameOrderNeverASecondOne(String protocol, String fault) {
        SalesOrders salesOrders;
        MappingBuilder create;
        String key = "shop:EXT-0001";
        if (protocol.equals("json-2")) {
            stub(OdooExchange.recorded19(116));
            OdooClient odoo = OdooJson2FlowsTest.client(rpc, json2, Protocol.AUTO);
            OdooRecords records = new OdooRecords(odoo);
            salesOrders = new OdooSalesOrders(odoo, records, new OdooPickings(odoo));
            create = post(urlEqualTo("/json/2/sale.order/web_save"));
            OdooJson2FlowsTest.odooKnowsAcmeAndItsProducts();
            ODOO.stubFor(OdooJson2FlowsTest.orderSearch(key, List.of("name", "state", "client_order_ref")).stub()
                    .inScenario("odoo").whenScenarioStateIs(STARTED));
            ODOO.stubFor(OdooJson2FlowsTest.orderSearch(key, List.of("name", "state", "client_order_ref"),
                    record("id", 25, "name", "S00025", "state", "draft", "client_order_ref", key)).stub()
                    .inScenario("odoo").whenScenarioStateIs("created"));
            OdooJson2FlowsTest.stub(Json2Exchange.recorded(45));
        } else {
            salesOrders = jsonRpcSalesOrders;
            create = post(urlEqualTo("/jsonrpc")).withRequestBody(matchingJsonPath("$.params.args[4]", equalTo("web_save")));
            stub(OdooFixtures.partnerSearch("CUST-ACME", OdooFixtures.decoAddict()),
                    OdooFixtures.productSearch(List.of("E-COM07", "E-COM08"),
                            OdooFixtures.product(17, "E-COM07", "Large Cabinet"),
                            OdooFixtures.product(18, "E-COM08", "Storage Box")));
            ODOO.stubFor(OdooFixtures.orderSearch(key, List.of("name", "state", "client_order_ref")).stub()
                    .inScenario("odoo").whenScenarioStateIs(STARTED));
            ODOO.stubFor(OdooFixtures.orderSearch(key, List.of("name", "state", "client_order_ref"),
                    record("id", 25, "name", "S00025", "state", "draft", "client_order_ref", key)).stub()
                    .inScenario("odoo").whenScenarioStateIs("created"));
            stub(OdooExchange.recorded(41));
        }
        ODOO.stubFor(create.inScenario("odoo").whenScenarioStateIs(STARTED).willSetStateTo("created")
                .willReturn(lostAnswer(fault)));

        assertThatThrownBy(() -> salesOrders.commit(OdooJson2FlowsTest.FIRST_ORDER))
                .isInstanceOf(OdooException.class)
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).as("retryable").isTrue());
        SalesOrderRef ref = salesOrders.commit(OdooJson2FlowsTest.FIRST_ORDER);

        assertThat(ref.name()).isEqualTo("S00025");
        // Odoo 17+ creates with web_save (its answer carries the name); a retry after an attempt searches instead.
        ODOO.verify(exactly(1), protocol.equals("json-2") ? postRequestedFor(urlEqualTo("/json/2/sale.order/web_save"))
                : postRequestedFor(urlEqualTo("/jsonrpc")).withRequestBody(matchingJsonPath("$.params.args[4]",
                        equalTo("web_save"))));
    }

    private static ResponseDefinitionBuilder lostAnswer(String fault) {
        return switch (fault) {
            case "TIMEOUT" -> aResponse().withStatus(200).withFixedDelay(2_500).withBody("[25]");
            case "RESET" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            default -> aResponse().withStatus(Integer.parseInt(fault)).withHeader("Content-Type", "text/html")
                    .withBody("<html>Bad Gateway</html>");
        };
    }
}
