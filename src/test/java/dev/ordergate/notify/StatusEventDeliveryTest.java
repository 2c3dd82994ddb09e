package dev.ordergate.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Status events reach a channel's webhook (WireMock) signed, through failures, and parked ones can be replayed. */
@IntegrationTest
class StatusEventDeliveryTest {

    private static final WireMockServer HOOK = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").port(Integer.getInteger("ordergate.test.webhook-port")));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api = new ApiClient();

    @Autowired
    StatusEvents events;

    @BeforeAll
    static void start() {
        HOOK.start();
    }

    @AfterAll
    static void stop() {
        HOOK.stop();
    }

    @BeforeEach
    void reset() {
        HOOK.resetAll();
        // Events of other tests' orders are simply taken.
        HOOK.stubFor(post(urlEqualTo("/hooks/orders")).atPriority(10).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void everyMilestoneReachesTheChannelSignedAndInOrderThroughFailures() throws Exception {
        String ref = uniqueRef();
        HOOK.stubFor(post(urlEqualTo("/hooks/orders")).withRequestBody(containing(ref)).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("one failure"));
        HOOK.stubFor(post(urlEqualTo("/hooks/orders")).withRequestBody(containing(ref)).inScenario("flaky")
                .whenScenarioStateIs("one failure")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("healthy"));
        HOOK.stubFor(post(urlEqualTo("/hooks/orders")).withRequestBody(containing(ref)).inScenario("flaky")
                .whenScenarioStateIs("healthy")
                .willReturn(aResponse().withStatus(204)));
        String id = api.post("/api/v1/orders", hooked(ref)).body().path("id").asText();

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered(ref).contains("completed"));

        assertThat(delivered(ref)).containsSubsequence("accepted", "confirmed", "shipped", "invoiced", "completed");
        for (LoggedRequest request : requests(ref)) {
            String signature = request.getHeader("X-Ordergate-Signature");
            assertThat(signature).isEqualTo("sha256=" + WebhookSender.sign(request.getBodyAsString(), "test-webhook-secret"));
            assertThat(request.getHeader("X-Ordergate-Event-Id")).isNotBlank();
        }
        // The webhook has the last event before the sender records it as delivered: wait for the outbox too.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events.list(null, 1000))
                .filteredOn(e -> e.orderId().equals(id))
                .allSatisfy(e -> assertThat(e.state()).isEqualTo("DELIVERED"))
                .anySatisfy(e -> assertThat(e.attempts()).isGreaterThan(1)));
    }

    @Test
    void anEventTheWebhookKeepsRefusingIsParkedAndCanBeReplayed() {
        String ref = uniqueRef();
        HOOK.stubFor(post(urlEqualTo("/hooks/orders")).withRequestBody(containing(ref))
                .willReturn(aResponse().withStatus(503)));
        String id = api.post("/api/v1/orders", hooked(ref)).body().path("id").asText();

        var parked = await().atMost(Duration.ofSeconds(60)).until(() -> events.list("PARKED", 1000).stream()
                .filter(e -> e.orderId().equals(id) && e.status().equals("accepted")).findFirst(), o -> o.isPresent())
                .orElseThrow();
        assertThat(parked.attempts()).isEqualTo(4);
        assertThat(parked.lastError()).isEqualTo("HTTP 503");
        var listed = api.get("/api/v1/ops/status-events?state=PARKED");
        assertThat(listed.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/actuator/prometheus").raw().lines()
                .anyMatch(l -> l.startsWith("ordergate_outbox_messages{") && l.contains("outbox=\"status-events\"")
                        && l.contains("state=\"parked\"") && !l.endsWith(" 0.0")));

        HOOK.resetAll();
        HOOK.stubFor(post(urlEqualTo("/hooks/orders")).willReturn(aResponse().withStatus(200)));
        assertThat(api.post("/api/v1/ops/status-events/" + parked.id() + "/replay", "").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> events.list("DELIVERED", 1000).stream()
                .anyMatch(e -> e.id().equals(parked.id())));
        assertThat(api.post("/api/v1/ops/status-events/nope/replay", "").status()).isEqualTo(404);
    }

    private static String hooked(String ref) {
        return sample(ref).replace("\"b2b-portal\"", "\"hooked\"");
    }

    private static List<LoggedRequest> requests(String ref) {
        return HOOK.findAll(postRequestedFor(urlEqualTo("/hooks/orders")).withRequestBody(containing(ref)));
    }

    /** The statuses the webhook accepted for the order, in the order it accepted them. */
    private static List<String> delivered(String ref) {
        return HOOK.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(ref))
                .filter(e -> e.getResponse().getStatus() / 100 == 2)
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .map(e -> {
                    try {
                        return JSON.readTree(e.getRequest().getBodyAsString()).path("status").asText();
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .toList();
    }
}
