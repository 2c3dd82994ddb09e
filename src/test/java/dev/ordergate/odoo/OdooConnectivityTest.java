package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordergate.odoo.client.OdooAccessProperties;
import dev.ordergate.odoo.client.OdooAuthentication;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooCredentials;
import dev.ordergate.odoo.client.OdooJson2;
import dev.ordergate.odoo.client.OdooProperties.Protocol;
import dev.ordergate.odoo.client.OdooProperties;
import dev.ordergate.odoo.client.OdooRpc;
import dev.ordergate.order.PeerAwaited;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Odoo connectivity in view, against a WireMock "Odoo 19" that knows one API key: a refused key is one problem
 * (health DOWN with the reason, the gauge at 0, a counter), the key is re-read from its mounted file without a
 * restart, and a key about to expire is warned about.
 */
class OdooConnectivityTest extends OdooTest {

    private static final String GOOD_KEY = "good-api-key-0123456789";

    @Autowired
    OdooRpc rpc;
    @Autowired
    OdooJson2 json2;
    @TempDir
    Path secrets;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private OdooProperties properties;

    @BeforeEach
    void odoo19KnowingOneKey() {
        properties = new OdooProperties(URI.create(ODOO.baseUrl()), "odoo19lab", "admin", "unused-configured-key",
                Duration.ofSeconds(5), Duration.ofSeconds(10), 200, Protocol.AUTO, "19.0", 4, 0, Duration.ofSeconds(5));
        // Odoo 19 answers a key it does not know with 401 (19.0 transcript 05); lowest priority, so the good key wins.
        ODOO.stubFor(post(urlPathMatching("/json/2/.*")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "text/html").withBody("Unauthorized")));
        ODOO.stubFor(post(urlPathEqualTo("/json/2/res.users/search_read")).atPriority(1)
                .withHeader("Authorization", equalTo("bearer " + GOOD_KEY))
                .willReturn(okJson("[{\"id\": 2, \"login\": \"admin\"}]")));
        ODOO.stubFor(post(urlPathEqualTo("/json/2/res.users/search_count")).atPriority(1)
                .withHeader("Authorization", equalTo("bearer " + GOOD_KEY)).willReturn(okJson("1")));
        String expires = LocalDateTime.now(ZoneOffset.UTC).plusDays(10).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        ODOO.stubFor(post(urlPathEqualTo("/json/2/res.users.apikeys/search_read")).atPriority(1)
                .withHeader("Authorization", equalTo("bearer " + GOOD_KEY))
                .willReturn(okJson("[{\"id\": 7, \"name\": \"ordergate\", \"expiration_date\": \"" + expires + "\"}]")));
    }

    @Test
    void aRefusedKeyIsOneOperatorFacingProblemUntilTheRotatedKeyFileIsReadWithoutARestart() throws Exception {
        Path keyFile = secrets.resolve("odoo-api-key");
        Files.writeString(keyFile, "a-password-where-a-key-belongs\n");
        OdooAccessProperties access = new OdooAccessProperties(keyFile, Duration.ofDays(14), Duration.ZERO, List.of(), List.of());
        OdooCredentials credentials = new OdooCredentials(properties, access);
        OdooAuthentication authentication = new OdooAuthentication(meters, Duration.ofSeconds(7));
        OdooClient client = new OdooClient(rpc, json2, properties, meters, credentials, authentication);
        OdooHealthIndicator health = new OdooHealthIndicator(client, properties, access, meters);

        Health refused = health.health();
        assertThat(refused.getStatus()).isEqualTo(Status.DOWN);
        assertThat(refused.getDetails()).containsEntry("authenticated", false).containsEntry("version", "19.0")
                .containsEntry("protocol", "json-2").containsEntry("keySource", "file " + keyFile);
        assertThat(String.valueOf(refused.getDetails().get("reason"))).contains("refused the API key (HTTP 401)");
        Instant since = authentication.refusal().since();
        assertThatThrownBy(() -> client.searchRead("res.users", List.of(), List.of("login")))
                .as("a job's call fails as awaited: it waits for the key without spending its retries (ops.WaitForPeers)")
                .isInstanceOfSatisfying(PeerAwaited.class, awaited -> {
                    assertThat(awaited.peer()).isEqualTo("odoo");
                    assertThat(awaited.waitFor()).isEqualTo(Duration.ofSeconds(7));
                });
        assertThat(authentication.refusal().since()).as("still the same problem").isEqualTo(since);
        assertThat(meters.get("ordergate.odoo.auth.refusals").counter().count()).isEqualTo(2.0);
        assertThat(meters.get("ordergate.odoo.authenticated").gauge().value()).isZero();

        Files.writeString(keyFile, GOOD_KEY + "\n");
        Files.setLastModifiedTime(keyFile, FileTime.from(Files.getLastModifiedTime(keyFile).toInstant().plusSeconds(5)));
        Health accepted = health.health();

        assertThat(accepted.getStatus()).isEqualTo(Status.UP);
        assertThat(accepted.getDetails()).containsEntry("authenticated", true).containsKey("apiKeyExpires")
                .containsEntry("apiKeyDaysLeft", 9L);
        assertThat(String.valueOf(accepted.getDetails().get("warning"))).contains("expires").contains("file " + keyFile);
        assertThat(authentication.refusal()).isNull();
        assertThat(meters.get("ordergate.odoo.authenticated").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("ordergate.odoo.api.key.days.left").gauge().value()).isEqualTo(9.0);
        ODOO.verify(postRequestedFor(urlPathEqualTo("/json/2/res.users/search_count"))
                .withHeader("Authorization", equalTo("bearer " + GOOD_KEY)));
    }

    @Test
    void healthIsKeptForItsTimeToLiveInsteadOfCallingOdooOnEveryProbe() {
        OdooAccessProperties access = new OdooAccessProperties(null, Duration.ofDays(14), Duration.ofHours(1), List.of(), List.of());
        OdooProperties withGoodKey = new OdooProperties(properties.url(), "odoo19lab", "admin", GOOD_KEY,
                Duration.ofSeconds(5), Duration.ofSeconds(10), 200, Protocol.AUTO, "19.0", 4, 0, Duration.ofSeconds(5));
        OdooClient client = new OdooClient(rpc, json2, withGoodKey, meters);
        OdooHealthIndicator health = new OdooHealthIndicator(client, withGoodKey, access, meters);

        for (int probe = 0; probe < 5; probe++) {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        }

        ODOO.verify(1, postRequestedFor(urlPathEqualTo("/json/2/res.users/search_count")));
    }
}
