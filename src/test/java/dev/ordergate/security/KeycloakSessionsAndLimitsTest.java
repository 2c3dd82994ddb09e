package dev.ordergate.security;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.ordergate.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The runtime half of "secure by default" against the real Keycloak with the shipped realm: webapp sessions end with
 * the Keycloak session (logout, an administrator's sign-out, a disabled user), a channel reads reason codes where a
 * reviewer reads figures, the API's rate limits answer 429, and wrong passwords lock a user only for a while. People
 * log in through Keycloak's login form (no password grant); Keycloak is changed for a test through its admin API only
 * in ways the test undoes. A context of its own, with one small rate limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "server.port=${ordergate.test.keycloak-app-port}",
        "camunda.bpm.process-engine-name=keycloak",
        "spring.datasource.url=jdbc:h2:mem:ordergate-keycloak-sessions;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000",
        "ordergate.sandbox.wms.auto-ship=false",
        // Keycloak mode refuses demo secrets and keeps the sandbox off unless asked: the test realm's values, and on.
        "ordergate.sandbox.enabled=true",
        "ordergate.security.keycloak.identity-client-secret=camunda-identity-service-test-secret",
        "spring.security.oauth2.client.registration.keycloak.client-secret=ordergate-webapps-test-secret",
        "ordergate.odoo.api-key=sessions-test-odoo-key",
        "ordergate.status-events.channels.b2b-portal.secret=b2b-portal-webhook-test-secret",
        // One small group to see the 429; everything else far above the tests' pace.
        "ordergate.rate-limits.groups[0].name=order-returns",
        "ordergate.rate-limits.groups[0].methods[0]=GET",
        "ordergate.rate-limits.groups[0].paths[0]=/api/v1/orders/*/returns",
        "ordergate.rate-limits.groups[0].requests=3",
        "ordergate.rate-limits.groups[0].per=PT1H",
        "ordergate.rate-limits.groups[1].name=api",
        "ordergate.rate-limits.groups[1].paths[0]=/api/**",
        "ordergate.rate-limits.groups[1].requests=1000000",
        "ordergate.rate-limits.groups[1].per=PT1S"})
@Tag("own-context")
@ActiveProfiles({"test", "keycloak"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeycloakSessionsAndLimitsTest {

    private static final String PORT = System.getProperty("ordergate.test.keycloak-app-port");
    private static final String APP = "http://localhost:" + PORT;
    private static final String TASKS = "/camunda/api/engine/engine/keycloak/task?maxResults=1";
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SHIPPED_BACK_CHANNEL = "http://localhost:8080/logout/connect/back-channel/keycloak";
    private static final List<String> USERS = new CopyOnWriteArrayList<>();

    private final ApiClient anonymous = new ApiClient(PORT);

    /**
     * The credit service, a real HTTP peer: in keycloak mode the simulated one wants a token the node's own adapter
     * does not send, so the credit gate asks this one (Deco Addict: 2,500 of 3,000 used).
     */
    private static final WireMockServer CREDIT = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add("ordergate.security.keycloak.url", TestKeycloak::url);
        if (!CREDIT.isRunning()) {
            CREDIT.start();
            CREDIT.stubFor(WireMock.get(urlPathMatching("/v1/customers/.+/standing")).willReturn(okJson("""
                    {"customerRef": "C-20077", "currency": "USD", "creditLimit": 3000.00, "openExposure": 2500.00,
                     "overdueAmount": 0.00, "blocked": false}""")));
        }
        registry.add("ordergate.credit.url", CREDIT::baseUrl);
    }

    /** Keycloak calls this application's back-channel logout; the shipped realm names the default port. */
    @BeforeEach
    void pointTheBackChannelHere() {
        webappsClient("{\"attributes\": {\"backchannel.logout.url\": \"" + APP
                + "/logout/connect/back-channel/keycloak\", \"access.token.lifespan\": \"\"}}");
    }

    @AfterAll
    static void restoreTheRealm() {
        CREDIT.stop();
        webappsClient("{\"attributes\": {\"backchannel.logout.url\": \"" + SHIPPED_BACK_CHANNEL
                + "\", \"access.token.lifespan\": \"\"}}");
        USERS.forEach(id -> TestKeycloak.admin("DELETE", "/users/" + id, null));
    }

    @Test
    void aGetOnLogoutDoesNotLogOutAndAPostEndsTheKeycloakSessionSoTheNextVisitGetsTheLoginPage() {
        String user = newUser();
        var browser = new TestBrowser(APP);
        assertThat(browser.loginThroughKeycloak("/camunda/app/tasklist/keycloak/", user).uri().toString())
                .startsWith(APP);

        browser.visit("/logout");
        assertThat(browser.visit(TASKS).uri().toString()).as("GET /logout must not log out").startsWith(APP);

        browser.post("/logout");

        var next = browser.visit(TASKS);
        assertThat(next.uri().toString()).startsWith(TestKeycloak.issuer());
        assertThat(next.body()).contains("kc-form-login");
    }

    @Test
    void anAdministratorsSignOutInKeycloakEndsTheWebappSessionThroughBackChannelLogout() {
        String user = newUser();
        var browser = new TestBrowser(APP);
        browser.loginThroughKeycloak("/camunda/app/tasklist/keycloak/", user);
        assertThat(browser.visit(TASKS).uri().toString()).startsWith(APP);

        TestKeycloak.admin("POST", "/users/" + userId(user) + "/logout", null);

        // The realm's access tokens live 5 minutes: only the back-channel call can end the session within the bound.
        await().atMost(BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> browser.visit(TASKS).uri().toString().startsWith(TestKeycloak.issuer()));
    }

    @Test
    void aDisabledUsersWebappSessionEndsWhenItsAccessTokenIsDue() {
        // Tokens of the webapps' client shorter than the clock skew: every request renews, so "due" is the next one.
        webappsClient("{\"attributes\": {\"access.token.lifespan\": \"5\", \"backchannel.logout.url\": \"\"}}");
        String user = newUser();
        var browser = new TestBrowser(APP);
        browser.loginThroughKeycloak("/camunda/app/tasklist/keycloak/", user);
        assertThat(browser.visit(TASKS).uri().toString()).startsWith(APP);
        assertThat(browser.visit(TASKS).uri().toString()).as("renewing keeps an enabled user in").startsWith(APP);

        TestKeycloak.admin("PUT", "/users/" + userId(user), "{\"enabled\": false}");

        await().atMost(BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> browser.visit(TASKS).uri().toString().startsWith(TestKeycloak.issuer()));
    }

    @Test
    void aChannelReadsItsCreditHeldOrderWithReasonCodesWhileTheCreditControllerSeesTheFiguresInTasklist() {
        var channel = anonymous.withToken(TestKeycloak.clientToken("b2b-portal"));
        // Deco Addict has 2,500 of 3,000 used; 5 x 280.00 takes it over.
        var created = channel.post("/api/v1/orders", order(uniqueRef(), "C-20077", "US", "93701",
                line("1", "E-COM07", "5", "280.00")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().path("id").asText();
        String businessKey = "b2b-portal:" + created.body().path("order").path("channelOrderRef").asText();

        var inReview = await().atMost(BOUND).until(() -> channel.get("/api/v1/orders/" + id),
                r -> "IN_REVIEW".equals(r.body().path("status").asText()));

        assertThat(inReview.body().path("statusReason").asText()).isEqualTo("credit-limit: stopped at the credit check");
        assertThat(inReview.raw()).doesNotContain("3000.00").doesNotContain("2500.00").doesNotContain("exposure");
        var browser = new TestBrowser(APP);
        browser.loginThroughKeycloak("/camunda/app/tasklist/keycloak/", "carla");
        JsonNode task = await().atMost(BOUND).until(() -> browser.json(
                "/camunda/api/engine/engine/keycloak/task?processInstanceBusinessKey=" + businessKey), t -> t.size() == 1);
        JsonNode variables = browser.json("/camunda/api/engine/engine/keycloak/task/" + task.get(0).path("id").asText()
                + "/variables");
        assertThat(variables.path("exceptionReason").path("value").asText())
                .contains("Credit limit 3000.00 USD, open exposure 2500.00");
    }

    @Test
    void aClientOverItsLimitGets429ProblemJsonWithRetryAfterWhileAnotherClientGoesOn() throws Exception {
        String portal = TestKeycloak.clientToken("b2b-portal");
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/v1/orders/any/returns", portal).statusCode()).isNotEqualTo(429);
        }

        var refused = get("/api/v1/orders/any/returns", portal);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:ordergate:problem:rate-limited");
        assertThat(problem.path("group").asText()).isEqualTo("order-returns");
        assertThat(get("/api/v1/orders/any/returns", TestKeycloak.clientToken("edi-gateway")).statusCode())
                .isNotEqualTo(429);
        assertThat(get("/api/v1/orders/any", portal).statusCode()).as("another path group").isNotEqualTo(429);
    }

    @Test
    void wrongPasswordsLockAUserOnlyForAWhile() {
        JsonNode shipped = TestKeycloak.adminJson("GET", "", null);
        assertThat(shipped.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(shipped.path("permanentLockout").asBoolean()).isFalse();
        String user = newUser();
        String id = userId(user);
        // The shipped waits are a minute and more; this test shortens them and puts them back.
        TestKeycloak.admin("PUT", "", "{\"failureFactor\": 3, \"waitIncrementSeconds\": 3, \"maxFailureWaitSeconds\": 3,"
                + " \"quickLoginCheckMilliSeconds\": 1, \"minimumQuickLoginWaitSeconds\": 1}");
        try {
            for (int i = 0; i < 3; i++) {
                new TestBrowser(APP).loginThroughKeycloak("/camunda/app/tasklist/keycloak/", user, "wrong-" + i);
            }
            JsonNode lockout = TestKeycloak.adminJson("GET", "/attack-detection/brute-force/users/" + id, null);
            assertThat(lockout.path("numFailures").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(lockout.path("disabled").asBoolean()).as(lockout.toString()).isTrue();

            await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(() -> !TestKeycloak
                    .adminJson("GET", "/attack-detection/brute-force/users/" + id, null).path("disabled").asBoolean());
            assertThat(new TestBrowser(APP).loginThroughKeycloak("/camunda/app/tasklist/keycloak/", user).uri()
                    .toString()).startsWith(APP);
            assertThat(TestKeycloak.adminJson("GET", "/users/" + id, null).path("enabled").asBoolean()).isTrue();
        } finally {
            TestKeycloak.admin("PUT", "", "{\"failureFactor\": " + shipped.path("failureFactor").asInt()
                    + ", \"waitIncrementSeconds\": " + shipped.path("waitIncrementSeconds").asInt()
                    + ", \"maxFailureWaitSeconds\": " + shipped.path("maxFailureWaitSeconds").asInt()
                    + ", \"quickLoginCheckMilliSeconds\": " + shipped.path("quickLoginCheckMilliSeconds").asLong()
                    + ", \"minimumQuickLoginWaitSeconds\": " + shipped.path("minimumQuickLoginWaitSeconds").asInt() + "}");
        }
    }

    /** A fresh customer-service user (password = user name), so no test touches a demo user's sessions. */
    private static String newUser() {
        String name = "session-" + UUID.randomUUID().toString().substring(0, 8);
        TestKeycloak.admin("POST", "/users", """
                {"username": "%s", "enabled": true, "emailVerified": true, "firstName": "Session", "lastName": "Test",
                 "email": "%s@ordergate.example", "groups": ["/customer-service"],
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}
                """.formatted(name, name, name));
        USERS.add(userId(name));
        return name;
    }

    private static String userId(String username) {
        return TestKeycloak.adminJson("GET", "/users?exact=true&username=" + username, null).get(0).path("id").asText();
    }

    private static void webappsClient(String changes) {
        String id = TestKeycloak.adminJson("GET", "/clients?clientId=ordergate-webapps", null).get(0).path("id").asText();
        TestKeycloak.admin("PUT", "/clients/" + id, changes);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(APP + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
