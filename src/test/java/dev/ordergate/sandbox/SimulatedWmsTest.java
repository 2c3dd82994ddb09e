package dev.ordergate.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

@SpringBootTest(classes = SandboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ordergate.sandbox.wms.shipment-delay=PT0.2S", "ordergate.sandbox.wms.retry-backoff=PT0.2S"})
class SimulatedWmsTest {

    static final WireMockServer ordergate = new WireMockServer(options().dynamicPort());

    static {
        ordergate.start();
        ordergate.stubFor(post(urlEqualTo("/api/v1/shipments")).willReturn(aResponse().withStatus(202)));
    }

    @DynamicPropertySource
    static void callbackToWireMock(DynamicPropertyRegistry registry) {
        registry.add("ordergate.sandbox.wms.callback-url", ordergate::baseUrl);
    }

    @AfterAll
    static void stopWireMock() {
        ordergate.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void aRepeatedReleaseIsAcceptedOnceAndShipsExactlyOnce() throws InterruptedException {
        SandboxHttp http = new SandboxHttp(port);
        String release = http.write(Map.of("releaseId", "b2b-portal:PO-1", "businessKey", "b2b-portal:PO-1",
                "shipTo", Map.of("name", "Acme Warehouse 3", "postalCode", "93701", "country", "US"),
                "lines", List.of(Map.of("lineRef", "1", "sku", "FURN_0269", "quantity", 12))));

        HttpResponse<String> first = http.post("/sandbox/wms/v1/releases", release);
        HttpResponse<String> again = http.post("/sandbox/wms/v1/releases", release);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body()).isEqualTo("{\"releaseId\":\"b2b-portal:PO-1\",\"status\":\"ACCEPTED\"}");
        awaitDelivered(http, "b2b-portal:PO-1");
        Thread.sleep(500);
        ordergate.verify(1, postRequestedFor(urlEqualTo("/api/v1/shipments")).withRequestBody(equalToJson(
                "{\"shipmentId\":\"b2b-portal:PO-1/1\",\"businessKey\":\"b2b-portal:PO-1\","
                        + "\"lines\":[{\"sku\":\"FURN_0269\",\"quantity\":12}],\"complete\":true}")));
    }

    @Test
    void aRefusedConfirmationIsRetriedUntilItIsTaken() {
        ordergate.stubFor(post(urlEqualTo("/api/v1/shipments")).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        ordergate.stubFor(post(urlEqualTo("/api/v1/shipments")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(202)));
        SandboxHttp http = new SandboxHttp(port);

        http.post("/sandbox/wms/v1/releases", http.write(Map.of("releaseId", "b2b-portal:PO-2", "businessKey", "b2b-portal:PO-2",
                "lines", List.of(Map.of("lineRef", "1", "sku", "E-COM08", "quantity", 3)))));

        assertThat(awaitDelivered(http, "b2b-portal:PO-2").get("confirmationAttempts").asInt()).isEqualTo(2);
    }

    private static com.fasterxml.jackson.databind.JsonNode awaitDelivered(SandboxHttp http, String releaseId) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            var release = http.json(http.get("/sandbox/wms/v1/releases/" + releaseId));
            if (release.get("confirmationDelivered").asBoolean()) {
                return release;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
        throw new AssertionError("Shipment confirmation of " + releaseId + " was not delivered");
    }
}
