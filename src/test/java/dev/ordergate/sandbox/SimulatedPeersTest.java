package dev.ordergate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
