package dev.ordergate.edi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A trading partner's interchanges through the real endpoint: each PO becomes an order that passes the gates on the
 * sandbox, the interchange is acknowledged, a resent one creates nothing, and every broken one in the corpus
 * (src/test/resources/edi/broken) is rejected with the standard's codes and nothing stored.
 */
@IntegrationTest
class EdiIntakeTest {

    private static final String X12 = "application/edi-x12";
    private static final String EDIFACT = "application/edifact";

    private final ApiClient api = new ApiClient();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HistoryService history;

    @Test
    void anX12PurchaseOrderInterchangeWithTwoPosBecomesTwoOrdersAndA997AndResendingItCreatesNothing() {
        var first = api.post("/api/v1/edi/interchanges", X12, edi("x12-850-4010-two-pos.edi"));

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.body().path("orders")).hasSize(2);
        String ack = first.body().path("acknowledgement").path("content").asText();
        assertThat(first.body().path("acknowledgement").path("type").asText()).isEqualTo("997");
        assertThat(ack).contains("AK1*PO*101~", "AK2*850*0001~", "AK2*850*0002~", "AK9*A*2*2*2~")
                .doesNotContain("AK5*R");
        for (JsonNode po : first.body().path("orders")) {
            JsonNode order = api.awaitOrderStatus(po.path("orderId").asText(), "COMPLETED");
            assertThat(order.path("order").path("channel").asText()).isEqualTo("edi-acme");
            assertThat(order.path("order").path("customerRef").asText()).isEqualTo("C-10042");
        }
        String orderA = first.body().path("orders").path(0).path("orderId").asText();
        JsonNode documents = api.get("/api/v1/edi/documents?orderId=" + orderA).body();
        assertThat(types(documents)).containsExactly("997", "855", "856", "810");
        assertThat(documents.path(1).path("content").asText()).contains("BAK*00*AD*PO-X12-4010-A*",
                "PO1*1*12*EA*299.00**BP*ACME-CHAIR-BLK~", "ACK*IA*12*EA~");
        assertThat(documents.path(2).path("content").asText()).contains("PRF*PO-X12-4010-A~", "SN1**5*EA~");
        assertThat(documents.path(3).path("content").asText()).contains("BIG*", "*PO-X12-4010-A~", "TDS*498800~");
        assertThat(controlNumbers(documents)).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.status_events WHERE order_id = :o AND status = 'document'")
                .param("o", orderA).query(Long.class).single()).isEqualTo(3);
        JsonNode a = api.get("/api/v1/orders/" + orderA).body();
        assertThat(a.path("order").path("channelOrderRef").asText()).isEqualTo("PO-X12-4010-A");
        assertThat(a.path("order").path("requestedDate").asText()).isEqualTo("2026-12-10");
        assertThat(a.path("order").path("lines").path(0).path("sku").asText()).isEqualTo("FURN_0269");
        assertThat(a.path("order").path("lines").path(1).path("sku").asText()).isEqualTo("E-COM07");
        assertThat(a.path("order").path("lines").path(1).path("uom").asText()).isEqualTo("Units");
        long orders = count("app.orders");
        long instances = history.createHistoricProcessInstanceQuery().rootProcessInstances().count();

        var again = api.post("/api/v1/edi/interchanges", X12, edi("x12-850-4010-two-pos.edi"));

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(again.body().path("acknowledgement").path("content").asText()).isEqualTo(ack);
        assertThat(again.body().path("orders").path(0).path("orderId"))
                .isEqualTo(first.body().path("orders").path(0).path("orderId"));
        assertThat(count("app.orders")).isEqualTo(orders);
        assertThat(history.createHistoricProcessInstanceQuery().rootProcessInstances().count()).isEqualTo(instances);
    }

    @Test
    void anEdifactOrdersMessageBecomesAnOrderAndACONTRL() {
        var response = api.post("/api/v1/edi/interchanges", EDIFACT, edi("edifact-orders-d96a.edi"));

        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(response.body().path("acknowledgement").path("type").asText()).isEqualTo("CONTRL");
        assertThat(response.body().path("acknowledgement").path("content").asText())
                .contains("UNH+1+CONTRL:D:3:UN'", "UCI+EF96A0001+ACMEBUYER:ZZ+ORDERGATE:ZZ+7'", "UCM+1+ORDERS:D:96A:UN+7'");
        String orderId = response.body().path("orders").path(0).path("orderId").asText();
        JsonNode order = api.awaitOrderStatus(orderId, "COMPLETED");
        assertThat(order.path("order").path("channelOrderRef").asText()).isEqualTo("PO-EF-96A-1");
        assertThat(order.path("order").path("shipTo").path("city").asText()).isEqualTo("Fresno");
        assertThat(order.path("order").path("lines")).hasSize(2);

        var documents = api.get("/api/v1/edi/documents?orderId=" + orderId);

        assertThat(documents.status()).isEqualTo(200);
        assertThat(types(documents.body())).containsExactly("CONTRL", "ORDRSP", "DESADV", "INVOIC");
        assertThat(documents.body().path(1).path("content").asText()).contains("BGM+231+PO-EF-96A-1-R+29'",
                "LIN+1+5+ACME-CHAIR-BLK:BP'", "QTY+21:4:EA'");
        assertThat(documents.body().path(2).path("content").asText()).contains("RFF+ON:PO-EF-96A-1'", "QTY+12:2:EA'");
        assertThat(documents.body().path(3).path("content").asText()).contains("BGM+380+", "MOA+86:1756.00'");
    }

    @ParameterizedTest(name = "{0} is acknowledged with {2}")
    @CsvSource({
            "x12-850-5010.edi,         application/edi-x12, 999,    IK5*A~,                  PO-X12-5010-A",
            "edifact-orders-d01b.edi,  application/edifact, CONTRL, UCM+1+ORDERS:D:01B:UN+7', PO-EF-01B-1",
    })
    void theOtherVersionsArePurchaseOrdersToo(String file, String contentType, String ackType, String ackContains,
                                               String poNumber) {
        var response = api.post("/api/v1/edi/interchanges", contentType, edi(file));

        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(response.body().path("acknowledgement").path("type").asText()).isEqualTo(ackType);
        assertThat(response.body().path("acknowledgement").path("content").asText()).contains(ackContains);
        assertThat(response.body().path("orders").path(0).path("poNumber").asText()).isEqualTo(poNumber);
        JsonNode order = api.get("/api/v1/orders/" + response.body().path("orders").path(0).path("orderId").asText())
                .body();
        assertThat(order.path("order").path("requestedDate").asText()).isEqualTo("2026-12-12");
        assertThat(order.path("order").path("lines").path(0).path("uom").asText()).isEqualTo("Units");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "x12-truncated.edi,                 X12,     400, AK9*R",
            "x12-wrong-segment-terminator.edi,  X12,     400, AK9*R",
            "x12-se01-count-wrong.edi,          X12,     400, AK5*R*4",
            "x12-ge01-count-wrong.edi,          X12,     400, AK9*R*2*2*0*5",
            "x12-iea01-count-wrong.edi,         X12,     400, AK9*R*2*2*0*5",
            "x12-unknown-partner.edi,           X12,     422, AK9*R",
            "x12-unknown-item.edi,              X12,     422, AK4*7**7",
            "edifact-truncated.edi,             EDIFACT, 400, ",
            "edifact-wrong-segment-terminator.edi, EDIFACT, 400, ",
            "edifact-unt-count-wrong.edi,       EDIFACT, 400, UCM+1+ORDERS:D:96A:UN+4+29",
            "edifact-unz-count-wrong.edi,       EDIFACT, 400, UCI+EF96A0912+ACMEBUYER:ZZ+ORDERGATE:ZZ+4+29",
            "edifact-unknown-partner.edi,       EDIFACT, 422, +4+23",
            "edifact-unknown-item.edi,          EDIFACT, 422, UCM+1+ORDERS:D:96A:UN+4+12",
    })
    void aBrokenInterchangeIsRejectedWithItsAcknowledgementCodesAndNothingStored(String file, String standard,
                                                                               int status, String ackContains) {
        long orders = count("app.orders");
        long interchanges = count("app.edi_interchanges");
        long instances = history.createHistoricProcessInstanceQuery().rootProcessInstances().count();

        var response = api.post("/api/v1/edi/interchanges", standard.equals("X12") ? X12 : EDIFACT,
                edi("broken/" + file));

        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("type").asText()).startsWith("urn:ordergate:problem:edi-");
        assertThat(response.body().path("detail").asText()).startsWith("Nothing was stored.");
        assertThat(response.body().path("errors")).isNotEmpty();
        if (ackContains != null) {
            assertThat(response.body().path("acknowledgement").path("content").asText()).contains(ackContains);
        }
        assertThat(count("app.orders")).isEqualTo(orders);
        assertThat(count("app.edi_interchanges")).isEqualTo(interchanges);
        assertThat(history.createHistoricProcessInstanceQuery().rootProcessInstances().count()).isEqualTo(instances);
    }

    @Test
    void documentsWithoutAnOrderIdAnswer400NamingTheParameter() {
        var response = api.get("/api/v1/edi/documents");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("errors").path(0).path("field").asText()).isEqualTo("orderId");
    }

    @Test
    void anInterchangeSentAsJsonIsRefusedWith415() {
        var response = api.post("/api/v1/edi/interchanges", "application/json", edi("x12-850-5010.edi"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private static List<String> types(JsonNode documents) {
        List<String> types = new ArrayList<>();
        documents.forEach(d -> types.add(d.path("type").asText()));
        return types;
    }

    private static List<Long> controlNumbers(JsonNode documents) {
        List<Long> numbers = new ArrayList<>();
        documents.forEach(d -> numbers.add(d.path("controlNumber").asLong()));
        return numbers;
    }

    static String edi(String name) {
        try (var in = EdiIntakeTest.class.getResourceAsStream("/edi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
