package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooAccessException;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.odoo.client.OdooJson2;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooProperties.Protocol;
import dev.ordergate.odoo.client.OdooProperties;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooRequestException;
import dev.ordergate.odoo.client.OdooRpc;
import dev.ordergate.odoo.client.OdooServerException;
import dev.ordergate.odoo.client.OdooVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every exchange recorded against a real Odoo 19 (19.0 transcripts) through our client: the request it sends is
 * the recorded one (the stub matches path, bearer key, database header and body), the answer parses to the
 * recorded result, and every error answer becomes one of our types. Exchanges the client never makes say why.
 */
class OdooJson2TranscriptsTest extends OdooTest {

    /** Routes for people or for the web client; the client never calls them. */
    static final Map<Integer, String> NOT_SENT = Map.of(
            14, "/doc is the interactive API browser, for people with a web session",
            15, "/doc-bearer/<model>.json describes a model, for people and code generators",
            123, "db.list: the database is configured, never discovered",
            124, "/json/1 serves the web client's read-only routes",
            125, "/web/session/authenticate: cookie sessions are the web client's, integrations use keys",
            126, "/web/dataset/call_kw: cookie sessions are the web client's, integrations use keys");

    /**
     * Requests our client cannot make as recorded (another user's key, a wrong database, a broken body, a wrong
     * path or verb); Odoo's answer to them is served to whatever the client asks, and must still map.
     */
    static final Set<Integer> ANSWERED_TO_ANY = Set.of(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 112, 113, 115, 127);

    static final Map<Integer, Class<? extends OdooException>> ERRORS = Map.ofEntries(
            Map.entry(5, OdooAccessException.class), Map.entry(6, OdooAccessException.class),
            Map.entry(7, OdooAccessException.class), Map.entry(8, OdooProtocolException.class),
            Map.entry(9, OdooRequestException.class), Map.entry(10, OdooRequestException.class),
            Map.entry(11, OdooProtocolException.class), Map.entry(12, OdooProtocolException.class),
            Map.entry(13, OdooRequestException.class), Map.entry(25, OdooRequestException.class),
            Map.entry(36, OdooRequestException.class), Map.entry(37, OdooAccessException.class),
            Map.entry(93, OdooBusinessException.class), Map.entry(94, OdooRequestException.class),
            Map.entry(95, OdooRequestException.class), Map.entry(96, OdooAccessException.class),
            Map.entry(97, OdooRequestException.class), Map.entry(98, OdooRequestException.class),
            Map.entry(99, OdooRequestException.class), Map.entry(100, OdooBusinessException.class),
            Map.entry(101, OdooMissingRecordException.class), Map.entry(103, OdooMissingRecordException.class),
            Map.entry(104, OdooBusinessException.class), Map.entry(105, OdooRequestException.class),
            Map.entry(106, OdooServerException.class), Map.entry(107, OdooRequestException.class),
            Map.entry(108, OdooRequestException.class), Map.entry(109, OdooRequestException.class),
            Map.entry(110, OdooRequestException.class), Map.entry(111, OdooRequestException.class),
            Map.entry(112, OdooAccessException.class), Map.entry(113, OdooAccessException.class),
            Map.entry(114, OdooRequestException.class), Map.entry(121, OdooAccessException.class),
            Map.entry(122, OdooMissingRecordException.class), Map.entry(127, OdooAccessException.class),
            Map.entry(202, OdooMissingRecordException.class), Map.entry(203, OdooRequestException.class));

    @Autowired
    OdooRpc rpc;
    @Autowired
    OdooJson2 json2;

    static Stream<Integer> transcripts() throws IOException {
        List<Integer> numbers = new ArrayList<>();
        OdooExchange.JSON.readTree(Json2Exchange.TRANSCRIPTS.resolve("_index.json").toFile())
                .forEach(entry -> numbers.add(Integer.parseInt(entry.get("file").asText().split("-")[0])));
        return numbers.stream();
    }

    OdooClient client(String key, Protocol protocol, String version) {
        return new OdooClient(rpc, json2, new OdooProperties(URI.create(ODOO.baseUrl()), Json2Exchange.DATABASE,
                "admin", key, Duration.ofSeconds(2), Duration.ofSeconds(5), 200, protocol, version, 2, 0,
                Duration.ofSeconds(5)), new SimpleMeterRegistry());
    }

    @ParameterizedTest(name = "19.0 transcript {0}")
    @MethodSource("transcripts")
    void everyRecordedExchangeIsSentAndReadAsOdooDidIt(int number) {
        JsonNode transcript = Json2Exchange.transcript(number);
        String path = transcript.at("/request/path").asText();
        if (NOT_SENT.containsKey(number)) {
            abort("not sent by the client: " + NOT_SENT.get(number));
        }
        if (path.equals("/json/version") || path.equals("/web/version")) {
            versionAnswer(transcript);
        } else if (path.equals("/jsonrpc")) {
            legacy(number);
        } else {
            json2(number);
        }
    }

    private void versionAnswer(JsonNode transcript) {
        ODOO.stubFor(get(urlEqualTo("/json/version")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withHeader("Content-Type", "application/json").withBody(transcript.get("response").toString())));
        OdooClient client = client(Json2Exchange.ADMIN_KEY, Protocol.JSON_2, null);

        assertThat(client.server().version()).isEqualTo(new OdooVersion(19, 0));
        assertThat(client.server().protocol()).isEqualTo(Protocol.JSON_2);
    }

    private void json2(int number) {
        Json2Exchange exchange = Json2Exchange.recorded(number);
        OdooClient client = client(Json2Exchange.ADMIN_KEY, Protocol.AUTO, "19.0");
        String model;
        String method;
        Map<String, Object> parameters;
        if (ANSWERED_TO_ANY.contains(number)) {
            ODOO.stubFor(any(anyUrl()).atPriority(10).willReturn(exchange.answer()));
            model = "res.partner";
            method = "search_read";
            parameters = Map.of("domain", List.of(), "fields", List.of("name"), "limit", 1);
        } else {
            ODOO.stubFor(exchange.stub());
            model = exchange.model();
            method = exchange.method();
            parameters = exchange.parameters();
        }
        if (exchange.status() == 200) {
            assertThat(client.json2(model, method, parameters)).isEqualTo(exchange.response());
            return;
        }
        // The JDK's HTTP client drops the body of a 401 to a POST, so a refused key is known by its status alone.
        boolean messageArrives = exchange.response().isObject() && exchange.status() != 401;
        assertMapped(number, () -> client.json2(model, method, parameters),
                messageArrives ? exchange.response().path("message").asText() : null);
    }

    private void legacy(int number) {
        OdooExchange exchange = OdooExchange.recorded19(number);
        JsonNode params = exchange.request().path("params");
        JsonNode args = params.path("args");
        stub(exchange, OdooExchange.recorded19(117), OdooExchange.recorded19(118));
        JsonNode result;
        switch (params.path("method").asText()) {
            case "version" -> {
                result = client("admin", Protocol.AUTO, null).version();
                assertThat(OdooVersion.of(result)).isEqualTo(new OdooVersion(19, 0));
            }
            case "authenticate" -> {
                int uid = client(args.get(2).asText(), Protocol.JSON_RPC, "19.0").authenticate();
                assertThat(uid).isEqualTo(exchange.result().intValue());
                return;
            }
            case "execute_kw" -> {
                OdooClient client = client(args.get(2).asText(), Protocol.JSON_RPC, "19.0");
                Runnable call = () -> client.executeKw(args.get(3).asText(), args.get(4).asText(),
                        OdooExchange.JSON.convertValue(args.get(5), List.class),
                        args.size() > 6 ? OdooExchange.JSON.convertValue(args.get(6), Map.class) : null);
                if (exchange.response().has("error")) {
                    assertThat(exchange.response().at("/error/code").asInt()).as("19.0's error.code").isZero();
                    assertMapped(number, call::run, exchange.response().at("/error/data/message").asText());
                    return;
                }
                result = client.executeKw(args.get(3).asText(), args.get(4).asText(),
                        OdooExchange.JSON.convertValue(args.get(5), List.class),
                        args.size() > 6 ? OdooExchange.JSON.convertValue(args.get(6), Map.class) : null);
            }
            default -> throw new IllegalStateException("no replay for " + exchange.name());
        }
        assertThat(result).isEqualTo(exchange.result());
    }

    private static void assertMapped(int number, Runnable call, String odooMessage) {
        Class<? extends OdooException> expected = ERRORS.get(number);
        assertThat(expected).as("expected type of transcript %d", number).isNotNull();
        assertThatThrownBy(call::run).isInstanceOf(expected).satisfies(e -> {
            if (odooMessage != null) {
                assertThat(e.getMessage()).contains(odooMessage);
            }
            assertThat(e.getMessage()).doesNotContain(Json2Exchange.ADMIN_KEY);
        });
    }

    @Test
    void aSuffixedOrSaasVersionIsReadByItsNumbers() {
        assertThat(OdooVersion.parse("18.0+e-20241005")).isEqualTo(new OdooVersion(18, 0));
        assertThat(OdooVersion.parse("saas~17.2+e")).isEqualTo(new OdooVersion(17, 2));
        assertThat(OdooVersion.of(OdooExchange.recorded(1).result())).isEqualTo(new OdooVersion(18, 0));
    }

    @Test
    void autoSpeaksJson2ToOdoo19AndJsonRpcToOdoo18() {
        stub(OdooExchange.recorded19(116));
        assertThat(client(Json2Exchange.ADMIN_KEY, Protocol.AUTO, null).server().protocol()).isEqualTo(Protocol.JSON_2);

        ODOO.resetAll();
        stub(OdooExchange.recorded(1));
        assertThat(client("admin", Protocol.AUTO, null).server().protocol()).isEqualTo(Protocol.JSON_RPC);
    }

    @Test
    void configuredProtocolWinsOverTheVersion() {
        stub(OdooExchange.recorded19(116));

        OdooClient client = client("admin", Protocol.JSON_RPC, null);

        assertThat(client.server().protocol()).isEqualTo(Protocol.JSON_RPC);
        assertThat(client.dialect().lineTaxField()).isEqualTo("tax_ids");
    }
}
