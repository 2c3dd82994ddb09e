package dev.ordergate.region;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.ordergate.ApiClient;
import dev.ordergate.FreePort;
import dev.ordergate.SampleOrders;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Regional authorities behind the same ports: each region has its own pricing engine and tax service (two WireMock
 * peers, one per region), and an EU order is priced and taxed by the EU ones, a US order by the US ones. The engines'
 * prices differ from every Odoo pricelist, so an order that passes the pricing gate without a review was priced by
 * its region's engine. A context of its own (the regions' authorities are start-up configuration).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "camunda.bpm.process-engine-name=regionalauthorities",
        "spring.datasource.url=jdbc:h2:mem:ordergate-regional-authorities;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000",
        "ordergate.regions.us.pricing-authority=pricing-engine",
        "ordergate.regions.eu.pricing-authority=pricing-engine"})
@Tag("own-context")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RegionalAuthoritiesTest {

    private static final int PORT = FreePort.find();
    private static final WireMockServer US = peer("USD", "FURN_0269", "310.00", "US-CA", "0.0725");
    private static final WireMockServer EU = peer("EUR", "FURN_0269", "265.00", "DE-BE", "0.19");

    private final ApiClient api = new ApiClient(String.valueOf(PORT));

    @Autowired
    HistoryService history;

    @DynamicPropertySource
    static void regionalPeers(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ordergate.regions.us.pricing-engine-url", US::baseUrl);
        registry.add("ordergate.regions.us.tax-service-url", US::baseUrl);
        registry.add("ordergate.regions.eu.pricing-engine-url", EU::baseUrl);
        registry.add("ordergate.regions.eu.tax-service-url", EU::baseUrl);
    }

    @AfterAll
    static void stopPeers() {
        US.stop();
        EU.stop();
    }

    @Test
    void anEuOrderIsPricedAndTaxedByTheEuServicesAndAUsOrderByTheUsOnes() {
        String euRef = uniqueRef();
        String usRef = uniqueRef();
        String eu = api.submitOrder(SampleOrders.order(euRef, "C-50001", "DE", "10178",
                line("1", "FURN_0269", "4", "265.00")).replace("\"USD\"", "\"EUR\""));
        String us = api.submitOrder(SampleOrders.order(usRef, "C-10042", "US", "93701",
                line("1", "FURN_0269", "4", "310.00")));

        // Neither Odoo pricelist has these prices (EU 279.00, US 299.00): without a review, the engines priced them.
        api.awaitOrderStatus(eu, "COMPLETED");
        api.awaitOrderStatus(us, "COMPLETED");
        for (String order : new String[] {eu, us}) {
            assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(api.processInstanceId(order))
                    .count()).as("reviews of %s", order).isZero();
        }

        EU.verify(1, postRequestedFor(urlEqualTo("/v1/assessments"))
                .withRequestBody(matchingJsonPath("$.customerRef", equalTo("C-50001")))
                .withRequestBody(matchingJsonPath("$.currency", equalTo("EUR"))));
        EU.verify(0, postRequestedFor(urlEqualTo("/v1/assessments"))
                .withRequestBody(matchingJsonPath("$.customerRef", equalTo("C-10042"))));
        US.verify(1, postRequestedFor(urlEqualTo("/v1/assessments"))
                .withRequestBody(matchingJsonPath("$.customerRef", equalTo("C-10042"))));
        US.verify(0, postRequestedFor(urlEqualTo("/v1/assessments"))
                .withRequestBody(matchingJsonPath("$.customerRef", equalTo("C-50001"))));
        assertThat(EU.findAll(getRequestedFor(urlEqualTo("/v1/agreements")))).isNotEmpty();
        assertThat(US.findAll(getRequestedFor(urlEqualTo("/v1/agreements")))).isNotEmpty();
    }

    @Test
    void aRegionsPriceListRunReadsTheRegionsOwnPricingEngine() {
        int euFeedsBefore = EU.findAll(getRequestedFor(urlEqualTo("/v1/agreements"))).size();
        int usFeedsBefore = US.findAll(getRequestedFor(urlEqualTo("/v1/agreements"))).size();

        var started = api.post("/api/v1/sync/price-lists?region=eu", "");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String run = started.body().path("id").asText();
        var report = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                .until(() -> api.get("/api/v1/sync/runs/" + run).body(),
                        r -> r.path("status").asText().equals("COMPLETED"));

        assertThat(report.path("source").asText()).isEqualTo("pricing-engine " + EU.baseUrl());
        assertThat(report.path("region").asText()).isEqualTo("eu");
        assertThat(report.path("counts").path("read").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(EU.findAll(getRequestedFor(urlEqualTo("/v1/agreements")))).hasSize(euFeedsBefore + 1);
        assertThat(US.findAll(getRequestedFor(urlEqualTo("/v1/agreements")))).hasSize(usFeedsBefore);
    }

    /** One region's pricing engine and tax service: one agreement and one jurisdiction with its rate. */
    private static WireMockServer peer(String currency, String sku, String price, String jurisdiction, String rate) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/v1/agreements")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("""
                        {"agreements": [{"pricelist": "Regional", "currency": "%s", "sku": "%s", "minQuantity": 1, "price": %s}]}
                        """.formatted(currency, sku, price))));
        server.stubFor(post(urlEqualTo("/v1/assessments")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("""
                        {"jurisdiction": "%s", "totalTax": 1.00, "lines": [{"lineRef": "1", "taxCode": "STD", "rate": %s, "taxAmount": 1.00}]}
                        """.formatted(jurisdiction, rate))));
        return server;
    }
}
