package dev.ordergate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

@SpringBootTest(classes = SandboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ordergate.sandbox.wms.auto-ship=false")
class SimulatedPeersTest {

    @LocalServerPort
    int port;

    private SandboxHttp http;

    @BeforeEach
    void client() {
        http = new SandboxHttp(port);
    }

    @Autowired
    SimulatedMasterDataHub hub;

    @Test
    void masterDataHubServesItsFeedPageByPageAndKeepsAnUpdateOncePerKey() throws Exception {
        hub.reset();
        JsonNode first = http.json(http.get("/sandbox/mdm/v1/changes?entities=customers&limit=2"));
        assertThat(first.get("changes").findValuesAsText("key")).containsExactly("C-40011", "C-20077");
        assertThat(first.get("more").asBoolean()).isTrue();
        JsonNode rest = http.json(http.get("/sandbox/mdm/v1/changes?entities=customers&limit=2&after=" + first.get("next").asText()));
        assertThat(rest.get("changes").findValuesAsText("source")).containsExactly("crm");
        assertThat(rest.get("more").asBoolean()).isFalse();
        assertThat(http.json(http.get("/sandbox/mdm/v1/changes?entities=products&limit=2")).get("changes")).isEmpty();

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> taken = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/sandbox/mdm/v1/updates"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "run-1:customers:C-10042")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"entity\":\"customers\",\"key\":\"C-10042\",\"source\":\"odoo\",\"fields\":{\"name\":\"Acme\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(taken.statusCode()).isEqualTo(204);
        }
        assertThat(hub.updates()).hasSize(1);
    }

    @Test
    void creditServiceAnswersTheSeededStanding() {
        HttpResponse<String> response = http.get("/sandbox/credit/v1/customers/C-10042/standing");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"customerRef\":\"C-10042\",\"currency\":\"USD\",\"creditLimit\":100000.00,"
                + "\"openExposure\":5000.00,\"overdueAmount\":0.00,\"blocked\":false}");
        assertThat(http.json(http.get("/sandbox/credit/v1/customers/C-30099/standing")).get("blocked").asBoolean()).isTrue();
    }

    @Test
    void creditServiceAnswersAnUnknownCustomerWithProblemJson() {
        HttpResponse<String> response = http.get("/sandbox/credit/v1/customers/C-99999/standing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(http.json(response).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void taxServiceResolvesAFresnoAddressToCaliforniaAndExemptsServices() {
        JsonNode assessment = assess("US", "93701", List.of(
                Map.of("lineRef", "1", "sku", "FURN_0269", "quantity", 12, "unitPrice", 299.00),
                Map.of("lineRef", "2", "sku", "SVC-INSTALL", "quantity", 1, "unitPrice", 90.00)));

        assertThat(assessment.get("jurisdiction").asText()).isEqualTo("US-CA");
        assertThat(assessment.get("lines").get(0).get("rate").decimalValue()).isEqualByComparingTo("0.0725");
        assertThat(assessment.get("lines").get(0).get("taxAmount").decimalValue()).isEqualByComparingTo("260.13");
        assertThat(assessment.get("lines").get(1).get("taxCode").asText()).isEqualTo("EXEMPT");
        assertThat(assessment.get("totalTax").decimalValue()).isEqualByComparingTo("260.13");
        assertThat(assessment.has("problem")).isTrue();
        assertThat(assessment.get("problem").isNull()).isTrue();
    }

    @Test
    void taxServiceUsesNationalRatesForGermanyAndCanada() {
        List<Map<String, Object>> lines = List.of(Map.of("lineRef", "1", "sku", "E-COM07", "quantity", 1, "unitPrice", 100));

        assertThat(assess("DE", "10115", lines).get("totalTax").decimalValue()).isEqualByComparingTo("19.00");
        assertThat(assess("CA", "M5V 2T6", lines).get("totalTax").decimalValue()).isEqualByComparingTo("13.00");
    }

    @Test
    void taxServiceAnswersAnUnplaceableAddressWithAProblemNotAnError() {
        JsonNode assessment = assess("ZZ", "12345",
                List.of(Map.of("lineRef", "1", "sku", "E-COM07", "quantity", 1, "unitPrice", 100)));

        assertThat(assessment.get("jurisdiction").isNull()).isTrue();
        assertThat(assessment.get("problem").asText()).isEqualTo("No tax jurisdiction for country ZZ postal code 12345");
    }

    @Test
    void taxServiceRejectsAMalformedBodyWithProblemJson() {
        HttpResponse<String> response = http.post("/sandbox/tax/v1/assessments", "{\"customerRef\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(http.post("/sandbox/tax/v1/assessments", "{\"customerRef\":\"C-10042\"}").statusCode()).isEqualTo(400);
    }

    private JsonNode assess(String country, String postalCode, List<Map<String, Object>> lines) {
        HttpResponse<String> response = http.post("/sandbox/tax/v1/assessments", http.write(Map.of(
                "customerRef", "C-10042", "currency", "USD",
                "shipTo", Map.of("name", "Acme Warehouse 3", "street", "1 Dock Rd", "city", "Fresno",
                        "postalCode", postalCode, "country", country),
                "lines", lines)));
        assertThat(response.statusCode()).isEqualTo(200);
        return http.json(response);
    }
}
