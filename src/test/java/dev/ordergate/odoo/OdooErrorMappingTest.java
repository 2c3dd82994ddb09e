package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooAccessException;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooRequestException;
import dev.ordergate.odoo.client.OdooServerException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

class OdooErrorMappingTest extends OdooTest {

    @Autowired
    OdooClient client;

    /**
     * Each recorded error answer becomes one of our types with Odoo's message kept. Requests made as our
     * user are replayed exactly; the few made as another user or with a shape our client never sends
     * (97, 98, 107-110) are answered whatever we ask.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "22, OdooRequestException, false, false",
            "33, OdooAccessException, false, false",
            "91, OdooBusinessException, false, true",
            "92, OdooBusinessException, false, true",
            "93, OdooRequestException, false, false",
            "94, OdooAccessException, false, false",
            "95, OdooRequestException, false, false",
            "96, OdooRequestException, false, false",
            "97, OdooAccessException, false, false",
            "98, OdooMissingRecordException, false, false",
            "99, OdooBusinessException, false, true",
            "100, OdooMissingRecordException, false, false",
            "102, OdooMissingRecordException, false, false",
            "103, OdooBusinessException, false, true",
            "104, OdooRequestException, false, false",
            "105, OdooServerException, false, false",
            "107, OdooAccessException, false, false",
            "108, OdooAccessException, false, false",
            "109, OdooRequestException, false, false",
            "110, OdooRequestException, false, false",
            "111, OdooProtocolException, false, false",
            "112, OdooProtocolException, false, false"})
    void recordedErrorAnswerMapsToOurType(int transcript, String type, boolean retryable, boolean business) {
        OdooExchange exchange = OdooExchange.recorded(transcript);

        assertThatThrownBy(() -> replay(exchange))
                .isInstanceOf(OdooException.class)
                .satisfies(e -> {
                    OdooException odoo = (OdooException) e;
                    assertThat(odoo.getClass().getSimpleName()).isEqualTo(type);
                    assertThat(odoo.isRetryable()).as("retryable").isEqualTo(retryable);
                    assertThat(odoo.isBusiness()).as("business").isEqualTo(business);
                    JsonNode odooMessage = exchange.response().path("error").path("data").path("message");
                    assertThat(odoo.getMessage()).contains(odooMessage.isMissingNode()
                            ? exchange.response().asText() : odooMessage.asText());
                });
    }

    private JsonNode replay(OdooExchange exchange) {
        JsonNode args = exchange.request() == null ? null : exchange.args();
        boolean asOurUser = args != null && args.size() >= 6 && "execute_kw".equals(
                exchange.request().path("params").path("method").asText())
                && args.get(1).asInt() == 2 && "admin".equals(args.get(2).asText());
        if (!asOurUser) {
            ODOO.stubFor(any(anyUrl()).atPriority(10).willReturn(exchange.answer()));
            return client.executeKw("res.partner", "search_read", List.of(List.of()), Map.of("fields", List.of("name")));
        }
        stub(exchange);
        return client.executeKw(args.get(3).asText(), args.get(4).asText(),
                OdooExchange.JSON.convertValue(args.get(5), List.class),
                args.size() > 6 ? OdooExchange.JSON.convertValue(args.get(6), Map.class) : null);
    }

    @ParameterizedTest(name = "{0} is retryable")
    @CsvSource({"psycopg2.OperationalError", "psycopg2.errors.SerializationFailure"})
    void transientDatabaseErrorIsRetryable(String pythonError) {
        JsonNode error = OdooExchange.JSON.valueToTree(Map.of("code", 200, "message", "Odoo Server Error",
                "data", Map.of("name", pythonError, "message", "could not serialize access")));

        OdooException mapped = OdooException.fromRpcError("sale.order.write", error);

        assertThat(mapped).isInstanceOf(OdooServerException.class);
        assertThat(mapped.isRetryable()).isTrue();
        assertThat(mapped.getMessage()).contains("could not serialize access");
    }
}
