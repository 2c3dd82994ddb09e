package dev.ordergate.odoo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.ordergate.odoo.client.OdooAccessProperties;
import dev.ordergate.odoo.client.OdooAuthentication;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooCredentials;
import dev.ordergate.odoo.client.OdooJson2;
import dev.ordergate.odoo.client.OdooProperties;
import dev.ordergate.odoo.client.OdooRpc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Odoo tests: the real Feign client, the client and the adapters, configured as the transcripts
 * were recorded (database odoo18lab, login admin, key admin), against a WireMock "Odoo" that knows the login
 * (transcript 02) and its version (01, so the client speaks JSON-RPC and the 18 dialect) and whatever each test stubs. Only the odoo package is started, so these tests run while
 * the rest of the application is being written.
 */
@SpringBootTest(classes = OdooTest.Setup.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class OdooTest {

    /** One WireMock for the JVM, so every test class shares one Spring context. */
    static final WireMockServer ODOO = startOdoo();

    // A test component, so the full application's component scan in the shared test context leaves it out.
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.test.context.TestComponent
    @ImportAutoConfiguration({FeignAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class})
    @EnableFeignClients(clients = {OdooRpc.class, OdooJson2.class})
    @EnableConfigurationProperties({OdooProperties.class, OdooAccessProperties.class, OdooBatchingProperties.class})
    @Import({OdooClient.class, OdooCredentials.class, OdooAuthentication.class, OdooRecords.class, OdooMasterData.class, OdooAvailability.class,
            OdooPriceAuthority.class, OdooPickings.class, OdooSalesOrders.class, OdooCommitBatches.class,
            OdooDeliveryBatches.class, OdooInvoiceBatches.class,
            OdooInvoices.class, OdooReturns.class,
            OdooCreditNotes.class})
    static class Setup {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** The transcripts were recorded on 2026-11-27; transcript 34 prices at 12:00 UTC. */
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
        }
    }

    private static WireMockServer startOdoo() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    @DynamicPropertySource
    static void odoo(DynamicPropertyRegistry registry) {
        registry.add("ordergate.odoo.url", ODOO::baseUrl);
        registry.add("ordergate.odoo.database", () -> "odoo18lab");
        registry.add("ordergate.odoo.login", () -> "admin");
        registry.add("ordergate.odoo.api-key", () -> "admin");
        // Short, so that the fault tests' timeouts take a second, not the production 30.
        registry.add("ordergate.odoo.read-timeout", () -> "PT1.5S");
    }

    @BeforeEach
    void odooKnowsOnlyTheLogin() {
        OdooExchange.assumeTranscripts();
        ODOO.resetAll();
        stub(OdooExchange.recorded(1), OdooExchange.recorded(2));
    }

    static void stub(OdooExchange... exchanges) {
        for (OdooExchange exchange : exchanges) {
            ODOO.stubFor(exchange.stub());
        }
    }
}
