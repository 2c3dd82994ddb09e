package dev.ordergate.region;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.ordergate.ApiClient;
import dev.ordergate.FreePort;
import dev.ordergate.SampleOrders;
import dev.ordergate.TestMasterDataHub;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Regional authorities and peers behind the same ports: each region has its own pricing engine, tax service and WMS
 * (two WireMock peers, one per region), and an EU order is priced, taxed and released by the EU ones, a US order by
 * the US ones. The engines' prices differ from every Odoo pricelist, so an order that passes the pricing gate without
 * a review was priced by its region's engine. Each peer's WMS hands releases and returns on to the sandbox WMS (which
 * ships them) and serves a stock snapshot of its own. The EU also has its own master-data hub; the US uses the shared
 * one (dev.ordergate.TestMasterDataHub). A context of its own (the regions' peers are start-up configuration).
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
    private static final WireMockServer US = peer("USD", "FURN_0269", "310.00", "US-CA", "0.0725", "US-WMS-ONLY", "WH");
    private static final WireMockServer EU = peer("EUR", "FURN_0269", "265.00", "DE-BE", "0.19", "EU-WMS-ONLY", "EU");

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
        registry.add("ordergate.regions.us.wms-url", US::baseUrl);
        registry.add("ordergate.regions.eu.wms-url", EU::baseUrl);
        registry.add("ordergate.regions.eu.master-data.hub-url", EU::baseUrl);
    }

    @BeforeAll
    static void startSharedHub() {
        TestMasterDataHub.start();
    }

    @AfterAll
    static void stopPeers() {
        US.stop();
        EU.stop();
    }

    @Test
    void anEuOrderIsPricedTaxedAndReleasedByTheEuPeersAndAUsOrderByTheUsOnes() {
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
        // Each order was released to its region's WMS only (and shipped: the sandbox WMS behind it confirmed).
        EU.verify(1, releaseOf(euRef));
        EU.verify(0, releaseOf(usRef));
        US.verify(1, releaseOf(usRef));
        US.verify(0, releaseOf(euRef));
    }

    /** Starts a synchronisation run through the API and answers its report ({@code reports} + id) once completed. */
    private JsonNode completedRun(String start, String body, String reports) {
        var started = api.post(start, body);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String run = started.body().path("id").asText();
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                .until(() -> api.get(reports + run).body(), r -> r.path("status").asText().equals("COMPLETED"));
    }

    private static RequestPatternBuilder releaseOf(String channelOrderRef) {
        return postRequestedFor(urlEqualTo("/v1/releases"))
                .withRequestBody(matchingJsonPath("$.businessKey", containing(channelOrderRef)));
    }

    @Test
    void anEuInventoryRunComparesTheEuWmsSnapshotAndDoesNotAskTheUsWms() {
        int euSnapshotsBefore = EU.findAll(getRequestedFor(urlEqualTo("/v1/stock"))).size();
        int usSnapshotsBefore = US.findAll(getRequestedFor(urlEqualTo("/v1/stock"))).size();

        JsonNode report = completedRun("/api/v1/sync/inventory?region=eu", "", "/api/v1/sync/inventory/runs/");

        // Only the EU WMS counts EU-WMS-ONLY (and Odoo has none of it): the run read the EU WMS.
        assertThat(report.path("findings")).as(report.toString())
                .filteredOn(f -> f.path("sku").asText().equals("EU-WMS-ONLY")).singleElement()
                .satisfies(f -> assertThat(f.path("wmsQty").decimalValue()).isEqualByComparingTo("7"));
        assertThat(report.path("findings").findValuesAsText("sku")).doesNotContain("US-WMS-ONLY");
        assertThat(EU.findAll(getRequestedFor(urlEqualTo("/v1/stock")))).hasSize(euSnapshotsBefore + 1);
        assertThat(US.findAll(getRequestedFor(urlEqualTo("/v1/stock")))).hasSize(usSnapshotsBefore);
    }

    @Test
    void anEuMasterDataRunReadsAndWritesTheEuHubAndNotTheSharedOne() {
        int euReadsBefore = EU.findAll(getRequestedFor(urlPathEqualTo("/v1/changes"))).size();
        int sharedReadsBefore = TestMasterDataHub.reads().size();
        int sharedUpdatesBefore = TestMasterDataHub.updates().size();

        JsonNode report = completedRun("/api/v1/sync/master-data?region=eu", "{\"entities\": [\"customers\"]}",
                "/api/v1/sync/runs/");

        assertThat(report.path("source").asText()).isEqualTo("odoo write_date + master-data hub " + EU.baseUrl());
        assertThat(EU.findAll(getRequestedFor(urlPathEqualTo("/v1/changes")))).hasSize(euReadsBefore + 1);
        // The EU company's customers, seen for the first time, go to the hub where Odoo owns their fields: the EU's.
        assertThat(EU.findAll(postRequestedFor(urlEqualTo("/v1/updates")))).as(report.toString()).isNotEmpty();
        assertThat(TestMasterDataHub.reads()).hasSize(sharedReadsBefore);
        assertThat(TestMasterDataHub.updates()).hasSize(sharedUpdatesBefore);
    }

    @Test
    void aRegionsPriceListRunReadsTheRegionsOwnPricingEngine() {
        int euFeedsBefore = EU.findAll(getRequestedFor(urlEqualTo("/v1/agreements"))).size();
        int usFeedsBefore = US.findAll(getRequestedFor(urlEqualTo("/v1/agreements"))).size();

        JsonNode report = completedRun("/api/v1/sync/price-lists?region=eu", "", "/api/v1/sync/runs/");

        assertThat(report.path("source").asText()).isEqualTo("pricing-engine " + EU.baseUrl());
        assertThat(report.path("region").asText()).isEqualTo("eu");
        assertThat(report.path("counts").path("read").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(EU.findAll(getRequestedFor(urlEqualTo("/v1/agreements")))).hasSize(euFeedsBefore + 1);
        assertThat(US.findAll(getRequestedFor(urlEqualTo("/v1/agreements")))).hasSize(usFeedsBefore);
    }

    /**
     * One region's pricing engine, tax service, WMS and master-data hub: one agreement, one jurisdiction with its rate,
     * releases and returns handed on to the sandbox WMS, a stock snapshot of 7 of {@code stockSku} in
     * {@code warehouse}, and a change feed with no changes.
     */
    private static WireMockServer peer(String currency, String sku, String price, String jurisdiction, String rate,
                                       String stockSku, String warehouse) {
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
        server.stubFor(any(urlPathMatching("/v1/(releases|returns).*"))
                .willReturn(aResponse().proxiedFrom("http://localhost:" + PORT + "/sandbox/wms")));
        server.stubFor(get(urlEqualTo("/v1/stock")).willReturn(okJson("""
                        {"asOf": "%s", "levels": [{"sku": "%s", "warehouse": "%s", "onHand": 7, "reserved": 0}]}
                        """.formatted(OffsetDateTime.now(ZoneOffset.UTC), stockSku, warehouse))));
        server.stubFor(get(urlPathEqualTo("/v1/changes")).willReturn(okJson("{\"changes\": [], \"more\": false}")));
        server.stubFor(post(urlEqualTo("/v1/updates")).willReturn(aResponse().withStatus(204)));
        return server;
    }
}
