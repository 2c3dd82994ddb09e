package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.ordergate.odoo.client.OdooAccessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.odoo.client.OdooJson2;
import dev.ordergate.odoo.client.OdooProperties;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooRpc;
import dev.ordergate.odoo.client.OdooTransportException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OdooClientTest extends OdooTest {

    @Autowired
    OdooRpc rpc;

    @Autowired
    OdooJson2 json2;

    @Autowired
    OdooProperties properties;

    @Autowired
    OdooClient client;

    @Test
    void versionSendsTheRecordedEnvelopeAndReadsTheServerVersion() {
        stub(OdooExchange.recorded(1));

        JsonNode version = client.version();

        assertThat(version.path("server_serie").asText()).isEqualTo("18.0");
        ODOO.verify(exactly(1), OdooExchange.recorded(1).requested());
    }

    @Test
    void requestIdsIncreaseFromCallToCall() {
        stub(OdooExchange.recorded(1));

        client.version();
        client.version();

        List<Long> ids = ODOO.findAll(postRequestedFor(urlEqualTo("/jsonrpc"))).stream()
                .map(request -> readId(request.getBodyAsString())).toList();
        assertThat(ids).hasSize(2);
        assertThat(ids.get(1)).isGreaterThan(ids.get(0));
    }

    private static long readId(String body) {
        try {
            return OdooExchange.JSON.readTree(body).path("id").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void logsInOnceAndSendsTheUidWithEveryCall() {
        OdooClient fresh = new OdooClient(rpc, json2, properties, new SimpleMeterRegistry());
        OdooExchange partners = OdooExchange.recorded(18);
        stub(partners);

        fresh.executeKw("res.partner", "search_read", List.of(partners.args().get(5).get(0)),
                Map.of("fields", partners.args().get(6).get("fields"), "order", "id"));
        JsonNode result = fresh.executeKw("res.partner", "search_read", List.of(partners.args().get(5).get(0)),
                Map.of("fields", partners.args().get(6).get("fields"), "order", "id"));

        assertThat(result).hasSize(2);
        assertThat(result.get(0).path("ref").asText()).isEqualTo("CUST-DECO-001");
        ODOO.verify(exactly(1), OdooExchange.recorded(2).requested());
        ODOO.verify(exactly(2), partners.requested());
    }

    @Test
    void aRefusedLoginIsAnAccessError() {
        ODOO.resetAll();
        // Transcript 03 is the answer to a wrong key: false, not an error object.
        stub(OdooExchange.recorded(3).replacing("wrong-password", "admin"));
        OdooClient fresh = new OdooClient(rpc, json2, properties, new SimpleMeterRegistry());

        assertThatThrownBy(fresh::authenticate)
                .isInstanceOf(OdooAccessException.class)
                .hasMessageContaining("admin")
                .hasMessageNotContaining("key")
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).isFalse());
    }

    @Test
    void searchReadSendsPagingOnlyWhenAsked() {
        OdooExchange paged = OdooExchange.recorded(19);
        stub(paged);
        JsonNode kwargs = paged.args().get(6);

        JsonNode page = client.searchRead("res.partner",
                OdooExchange.JSON.convertValue(paged.args().get(5).get(0), List.class),
                OdooExchange.JSON.convertValue(kwargs.get("fields"), List.class),
                kwargs.get("limit").intValue(), kwargs.get("offset").intValue(), kwargs.get("order").asText());

        assertThat(page).isEqualTo(paged.result());
    }

    @Test
    void readOfAMissingIdAnswersNothingRatherThanFailing() {
        OdooExchange missing = OdooExchange.recorded(101);
        stub(missing);

        JsonNode read = client.read("sale.order", List.of(missing.args().get(5).get(0).get(0).intValue()),
                OdooExchange.JSON.convertValue(missing.args().get(6).get("fields"), List.class));

        assertThat(read).isEmpty();
    }

    /** Seen on real Odoo 18 (stock.quant.action_apply_inventory over /jsonrpc): a method that returns None. */
    @Test
    void anAnswerWithoutResultIsAMethodThatReturnedNothing() {
        ODOO.stubFor(post(urlEqualTo("/jsonrpc")).withRequestBody(containing("action_apply_inventory"))
                .willReturn(okJson("{\"jsonrpc\": \"2.0\", \"id\": 7}")));

        JsonNode result = client.call("stock.quant", "action_apply_inventory", List.of(41), null);

        assertThat(result.isNull()).as(String.valueOf(result)).isTrue();
    }

    @Test
    void anObjectThatIsNoJsonRpcAnswerIsAProtocolError() {
        ODOO.stubFor(post(urlEqualTo("/jsonrpc")).withRequestBody(containing("action_apply_inventory"))
                .willReturn(okJson("{\"status\": \"ok\"}")));

        assertThatThrownBy(() -> client.call("stock.quant", "action_apply_inventory", List.of(41), null))
                .isInstanceOf(OdooProtocolException.class).hasMessageContaining("neither result nor error");
    }

    @Test
    void aServerErrorStatusIsARetryableTransportFailure() {
        ODOO.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));

        assertThatThrownBy(client::version)
                .isInstanceOf(OdooTransportException.class)
                .hasMessageContaining("502")
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).isTrue());
    }

    @Test
    void aConnectionResetIsARetryableTransportFailure() {
        ODOO.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(client::version)
                .isInstanceOf(OdooTransportException.class)
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).isTrue());
    }

    @Test
    void anAnswerThatIsNotJsonIsAProtocolError() {
        ODOO.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>login</html>")));

        assertThatThrownBy(client::version).isInstanceOf(OdooProtocolException.class);
    }

    @Test
    void aFailedCallDoesNotRepeatItsArgumentsInTheMessage() {
        ODOO.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("boom")));

        assertThatThrownBy(() -> client.executeKw("res.partner", "search_read", List.of(List.of()), null))
                .hasMessageNotContaining("odoo18lab")
                .hasMessageNotContaining("\"admin\"");
    }
}
