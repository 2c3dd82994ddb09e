package dev.ordergate.security;

import dev.ordergate.OrderTasks;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.SampleOrders;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The keycloak profile against a real Keycloak with the shipped realm, with tokens from Keycloak's token endpoint.
 * A context of its own (own port, engine and H2 database), closed after this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "server.port=${ordergate.test.keycloak-app-port}",
        "camunda.bpm.process-engine-name=keycloak",
        "spring.datasource.url=jdbc:h2:mem:ordergate-keycloak;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000",
        // The sandbox WMS posts its confirmation without a token; these tests do not need shipments.
        "ordergate.sandbox.wms.auto-ship=false",
        // Keycloak mode refuses demo secrets: the test realm's (TestKeycloak) and test values instead.
        "ordergate.sandbox.enabled=true",
        "ordergate.security.keycloak.identity-client-secret=camunda-identity-service-test-secret",
        "spring.security.oauth2.client.registration.keycloak.client-secret=ordergate-webapps-test-secret",
        "ordergate.odoo.api-key=odoo-test-key",
        "ordergate.status-events.channels.b2b-portal.secret=b2b-portal-webhook-test-secret"})
@org.junit.jupiter.api.Tag("own-context")
@ActiveProfiles({"test", "keycloak"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeycloakApiSecurityTest {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final ApiClient anonymous = new ApiClient(System.getProperty("ordergate.test.keycloak-app-port"));

    @Autowired
    IdentityService identities;

    @Autowired
    TaskService tasks;
    @Autowired
    org.camunda.bpm.engine.AuthorizationService authorizations;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    @Autowired
    dev.ordergate.order.Orders orders;

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add("ordergate.security.keycloak.url", TestKeycloak::url);
    }

    /** A client's or a demo user's token, fetched once per run. */
    private ApiClient as(String who) {
        String token = TOKENS.computeIfAbsent(who, w -> switch (w) {
            case "b2b-portal", "edi-gateway", "wms", "camunda-identity-service" -> TestKeycloak.clientToken(w);
            default -> TestKeycloak.userToken(w);
        });
        return anonymous.withToken(token);
    }

    private static String ediOrder(String ref) {
        return sample(ref).replace("\"channel\": \"b2b-portal\"", "\"channel\": \"edi-gateway\"");
    }

    @Test
    void aRequestWithoutTokenIsRefusedWith401ProblemJson() {
        var response = anonymous.post("/api/v1/orders", sample(uniqueRef()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("type").asText()).isEqualTo("urn:ordergate:problem:unauthenticated");
        assertThat(response.body().path("status").asInt()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/orders/any").status()).isEqualTo(401);
        assertThat(anonymous.get("/engine-rest/task").status()).isEqualTo(401);
        // The API's contract is behind the API's security, not the webapps' login.
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(401);
    }

    @Test
    void aTamperedTokenIsRefusedWith401() {
        String token = TestKeycloak.clientToken("b2b-portal");
        String[] parts = token.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("\"b2b-portal\"", "\"edi-gateway\"").getBytes());
        var response = anonymous.withToken(parts[0] + "." + forgedClaims + "." + parts[2])
                .get("/api/v1/orders/any");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenOfTheRealmNotMintedForOrdergateIsRefusedWith401() {
        // The identity plugin's client has no ordergate-api audience.
        var response = as("camunda-identity-service").get("/api/v1/orders/any");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aTokenWithTheWrongRoleIsRefusedWith403ProblemJson() {
        var response = as("wms").post("/api/v1/orders", sample(uniqueRef()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("type").asText()).isEqualTo("urn:ordergate:problem:forbidden");
        assertThat(response.body().path("title").asText()).isEqualTo("Not permitted");
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            // who, method, path, allowed (false = 403)
            "b2b-portal,  GET,  /api/v1/orders,                   false",
            "b2b-portal,  POST, /api/v1/shipments,                false",
            "b2b-portal,  GET,  /engine-rest/task,                false",
            "b2b-portal,  GET,  /api/v1/ops/incidents,            false",
            "b2b-portal,  GET,  /api/v1/reviews/any,              false",
            "edi-gateway, POST, /api/v1/orders/x/cancellation,    false",
            "edi-gateway, POST, /api/v1/returns,                  false",
            "b2b-portal,  POST, /api/v1/orders/x/cancellation,    true",
            "b2b-portal,  POST, /api/v1/returns,                  true",
            "wms,         POST, /api/v1/shipments,                true",
            "b2b-portal,  POST, /api/v1/orders/x/returns,         true",
            "edi-gateway, POST, /api/v1/orders/x/returns,         false",
            "wms,         POST, /api/v1/returns/x/receipts,       true",
            "b2b-portal,  POST, /api/v1/returns/x/receipts,       false",
            "wms,         GET,  /api/v1/orders/any,               false",
            "priya,       POST, /api/v1/orders,                   false",
            "priya,       GET,  /api/v1/orders,                   false",
            "priya,       GET,  /api/v1/reviews/any,              true",
            "otto,        GET,  /api/v1/orders,                   true",
            // This context's engine is named "keycloak"; /engine-rest/task would address "default" (404).
            "otto,        GET,  /engine-rest/engine/keycloak/task, true",
            "otto,        GET,  /api/v1/ops/incidents,            true",
            "otto,        POST, /api/v1/orders,                   false",
            "emil,        GET,  /api/v1/ops/incidents,            true",
            "emil,        GET,  /api/v1/orders,                   true",
            "emil,        GET,  /engine-rest/engine/keycloak/task, false",
            "emil,        GET,  /api/v1/sync/inventory/drift,     true",
            "emil,        GET,  /api/v1/sync/master-data/conflicts, true",
            "emil,        GET,  /api/v1/sync/schedules,           false",
            "priya,       POST, /api/v1/sync/inventory,           false",
            "emil,        GET,  /api/v1/ops/deployments,          false",
            "emil,        POST, /api/v1/orders,                   false",
            "anna,        GET,  /api/v1/orders,                   false",
            "anna,        GET,  /api/v1/orders/any,               false",
            "b2b-portal,  GET,  /api/v1/unmapped,                 false",
            "edi-gateway, POST, /api/v1/edi/interchanges,         true",
            "b2b-portal,  POST, /api/v1/edi/interchanges,         false",
            "edi-gateway, GET,  /api/v1/edi/documents,            true",
            "otto,        GET,  /api/v1/edi/documents,            true",
            "b2b-portal,  GET,  /api/v1/edi/documents,            false",
            "b2b-portal,  GET,  /v3/api-docs,                     true",
            "wms,         GET,  /v3/api-docs.yaml,                true",
    })
    void eachRoleReachesOnlyItsEndpoints(String who, String method, String path, boolean allowed) {
        String body = method.equals("POST") ? "{}" : null;
        var response = as(who).send(method, path, body);

        if (allowed) {
            // Past security the request meets the endpoint (or its absence, for endpoints still to come).
            assertThat(response.status()).as(response.raw()).isNotIn(401, 403);
        } else {
            assertThat(response.status()).as(response.raw()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aRegionalOperatorSeesAndRepairsOnlyTheirRegionsOrdersAndIncidents() {
        String euOrder = submitted(SampleOrders.order(uniqueRef(), "C-50001", "DE", "10178",
                line("1", "FURN_0269", "10", "279.00")).replace("\"USD\"", "\"EUR\""));
        String usOrder = submitted(sample(uniqueRef()));
        String euIncident = incidentOf(euOrder);
        String usIncident = incidentOf(usOrder);
        try {
            ApiClient emil = as("emil");

            var listed = emil.get("/api/v1/ops/incidents");
            assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
            assertThat(listed.body().findValuesAsText("id")).contains(euIncident).doesNotContain(usIncident);
            assertThat(listed.body().findValuesAsText("region")).containsOnly("eu");
            assertThat(as("otto").get("/api/v1/ops/incidents").body().findValuesAsText("id"))
                    .contains(euIncident, usIncident);

            assertForbidden(emil.post("/api/v1/ops/incidents/" + usIncident + "/retry", ""));
            // Their own region's incident reaches the replay (this one is no failed job, so it is not retryable).
            assertThat(emil.post("/api/v1/ops/incidents/" + euIncident + "/retry", "").status()).isEqualTo(409);
            assertForbidden(emil.get("/api/v1/ops/orders/" + usOrder + "/story"));
            assertThat(emil.get("/api/v1/ops/orders/" + euOrder + "/story").status()).isEqualTo(200);

            var orders = emil.get("/api/v1/orders?size=200");
            assertThat(orders.status()).as(orders.raw()).isEqualTo(200);
            assertThat(orders.body().path("items").findValuesAsText("id")).contains(euOrder).doesNotContain(usOrder);
            assertThat(orders.body().path("items").findValuesAsText("region")).containsOnly("eu");
            assertThat(emil.get("/api/v1/orders/" + euOrder).status()).isEqualTo(200);
            // Another region's order answers like a missing one, as another channel's does.
            assertThat(emil.get("/api/v1/orders/" + usOrder).status()).isEqualTo(404);
            assertForbidden(emil.post("/api/v1/orders/" + euOrder + "/cancellation", "{\"reason\": \"test\"}"));
            assertForbidden(emil.post("/api/v1/orders/" + usOrder + "/cancellation", "{\"reason\": \"test\"}"));
            assertThat(runtime.createIncidentQuery().incidentId(usIncident).count()).as("the US incident is as it was")
                    .isEqualTo(1);
        } finally {
            for (String incident : List.of(euIncident, usIncident)) {
                if (runtime.createIncidentQuery().incidentId(incident).count() == 1) {
                    runtime.resolveIncident(incident);
                }
            }
            held.forEach(runtime::activateProcessInstanceById);
        }
    }

    @Test
    void aRegionalOperatorCannotGrantItselfMore() throws Exception {
        ApiClient emil = as("emil");

        // Engine-rest, where authorizations and group memberships are made, is the operators' of every region.
        assertForbidden(emil.send("POST", "/engine-rest/engine/keycloak/authorization/create",
                "{\"type\": 1, \"permissions\": [\"ALL\"], \"userId\": \"emil\", \"resourceType\": 8, \"resourceId\": \"*\"}"));
        assertForbidden(emil.send("POST", "/engine-rest/engine/keycloak/group/operators/members/emil", null));
        assertForbidden(emil.get("/engine-rest/engine/keycloak/incident"));
        assertForbidden(emil.post("/api/v1/ops/deployments", "{}"));
        assertForbidden(emil.post("/api/v1/sync/master-data/conflicts/any/decision", "{}"));
        assertForbidden(emil.get("/api/v1/reports/reconciliation?from=2026-12-01&to=2026-12-01"));
        assertForbidden(emil.get("/actuator/prometheus"));
        // Keycloak's admin API refuses the user's own token: no realm role of theirs can be added by them.
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestKeycloak.url() + "/admin/realms/"
                        + TestKeycloak.REALM + "/roles")).header("Authorization", "Bearer " + TestKeycloak.userToken("emil"))
                .GET().build();
        var answer = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isIn(401, 403);
        // A fresh token is no more than the first: still an operator of the EU only.
        ApiClient again = anonymous.withToken(TestKeycloak.userToken("emil"));
        String usOrder = submitted(sample(uniqueRef()));
        var orders = again.get("/api/v1/orders?size=200");
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.body().path("items").findValuesAsText("id")).doesNotContain(usOrder);
        assertThat(orders.body().path("items").findValuesAsText("region")).doesNotContain("us", "ca");
        assertForbidden(again.get("/engine-rest/engine/keycloak/task"));
    }

    /** Issue 19 item 5: a region's operator starts and reads its region's synchronisation runs, and no other's. */
    @Test
    void aRegionalOperatorRunsOnlyTheirRegionsSynchronisation() {
        ApiClient emil = as("emil");
        long runsBefore = jdbc.sql("SELECT COUNT(*) FROM app.sync_runs").query(Long.class).single();

        for (String refused : List.of("/api/v1/sync/inventory?region=us", "/api/v1/sync/inventory",
                "/api/v1/sync/price-lists?region=ca", "/api/v1/sync/master-data")) {
            var response = emil.post(refused, "{}");
            assertForbidden(response);
            assertThat(response.raw()).as(refused).contains("region-not-operated");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.sync_runs").query(Long.class).single())
                .as("a refused start opens no run").isEqualTo(runsBefore);

        var started = emil.post("/api/v1/sync/inventory?region=eu", "{}");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String euRun = started.body().path("id").asText();
        assertThat(emil.get("/api/v1/sync/inventory/runs/" + euRun).status()).isEqualTo(200);
        assertThat(emil.get("/api/v1/sync/runs/" + euRun).status()).isEqualTo(200);

        var usStarted = as("otto").post("/api/v1/sync/inventory?region=us", "{}");
        assertThat(usStarted.status()).as(usStarted.raw()).isEqualTo(202);
        String usRun = usStarted.body().path("id").asText();
        assertForbidden(emil.get("/api/v1/sync/inventory/runs/" + usRun));
        assertForbidden(emil.get("/api/v1/sync/runs/" + usRun));
        assertThat(as("otto").get("/api/v1/sync/runs/" + usRun).status()).isEqualTo(200);

        var drift = emil.get("/api/v1/sync/inventory/drift");
        assertThat(drift.status()).isEqualTo(200);
        assertThat(drift.body().path("drift").findValuesAsText("region")).allMatch("eu"::equals);

        // Master-data conflicts, one of each region's run: the EU operator lists the EU's only, ops every region's.
        String euConflict = conflict(euRun, "eu");
        String usConflict = conflict(usRun, "us");
        var conflicts = emil.get("/api/v1/sync/master-data/conflicts");
        assertThat(conflicts.status()).as(conflicts.raw()).isEqualTo(200);
        assertThat(conflicts.body().path("conflicts").findValuesAsText("id")).contains(euConflict).doesNotContain(usConflict);
        assertThat(as("otto").get("/api/v1/sync/master-data/conflicts").body().path("conflicts").findValuesAsText("id"))
                .contains(euConflict, usConflict);
    }

    private String conflict(String runId, String region) {
        String id = java.util.UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO app.md_conflicts (id, run_id, entity, record_key, field, owner, other_source, status,
                                              created_at, region)
                VALUES (:id, :run, 'customers', 'C-TEST', 'email', 'odoo', 'crm', 'OPEN', CURRENT_TIMESTAMP, :region)
                """).param("id", id).param("run", runId).param("region", region).update();
        return id;
    }

    private String submitted(String order) {
        var created = as("b2b-portal").post("/api/v1/orders", order);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    /**
     * An incident on the order's process, as an operator would find one (raised here, not by a peer). The process is
     * held (suspended, and no job of it still running) so that no step ends the activity the incident belongs to.
     */
    private String incidentOf(String orderId) {
        String instance = await().atMost(Duration.ofSeconds(60)).until(() -> as("otto").get("/api/v1/orders/" + orderId)
                .body().path("processInstanceId").asText(""), pi -> !pi.isEmpty());
        runtime.suspendProcessInstanceById(instance);
        held.add(instance);
        await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery().processInstanceId(instance).list()
                .stream().allMatch(job -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).getLockOwner() == null));
        // On an execution at an activity: the instance's own execution is not one while it waits in a call activity
        // that has a boundary event (Validate the order, since the order process calls its parts).
        String execution = runtime.createExecutionQuery().processInstanceId(instance).list().stream()
                .filter(e -> ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) e).getActivityId() != null)
                .findFirst().orElseThrow().getId();
        return runtime.createIncident("regionProbe", execution, "probe", "raised by the test").getId();
    }

    private final List<String> held = new java.util.ArrayList<>();

    private static void assertForbidden(ApiClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aChannelSubmitsAndReadsItsOwnOrder() {
        var created = as("b2b-portal").post("/api/v1/orders", sample(uniqueRef()));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        var read = as("b2b-portal").get("/api/v1/orders/" + created.body().path("id").asText());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("order").path("channel").asText()).isEqualTo("b2b-portal");
    }

    @Test
    void aChannelCannotReadAnotherChannelsOrderWhichLooksMissing() {
        var created = as("b2b-portal").post("/api/v1/orders", sample(uniqueRef()));
        String id = created.body().path("id").asText();

        var foreign = as("edi-gateway").get("/api/v1/orders/" + id);
        var missing = as("edi-gateway").get("/api/v1/orders/no-such-order");

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.body().path("type").asText()).isEqualTo(missing.body().path("type").asText());
        assertThat(foreign.raw()).doesNotContain("b2b-portal");
    }

    @Test
    void aChannelCannotSubmitAnOrderInAnotherChannelsName() {
        var response = as("b2b-portal").post("/api/v1/orders", ediOrder(uniqueRef()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("type").asText()).isEqualTo("urn:ordergate:problem:channel-not-permitted");
    }

    @Test
    void operatorsReadEveryChannelsOrders() {
        var edi = as("edi-gateway").post("/api/v1/orders", ediOrder(uniqueRef()));
        assertThat(edi.status()).as(edi.raw()).isEqualTo(201);

        assertThat(as("otto").get("/api/v1/orders/" + edi.body().path("id").asText()).status()).isEqualTo(200);
        assertThat(as("otto").get("/api/v1/orders?size=5").body().path("total").asLong()).isPositive();
    }

    @Test
    void theSandboxPeersNeedAnOperatorsToken() {
        assertThat(anonymous.get("/sandbox/wms/v1/releases/unknown").status()).isEqualTo(401);
        assertThat(as("b2b-portal").get("/sandbox/wms/v1/releases/unknown").status()).isEqualTo(403);
        assertThat(as("otto").get("/sandbox/wms/v1/releases/unknown").status()).isNotIn(401, 403, 302);
    }

    @Test
    void healthIsOpenButMetricsNeedTheOpsRole() {
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(as("otto").get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void aPricingStewardLoggedInThroughKeycloakSeesOnlyPricingTasksInTasklist() {
        String pricing = "b2b-portal:" + submit(SampleOrders.order(uniqueRef(), "C-10042", "US", "93701",
                SampleOrders.line("1", "FURN_0269", "12", "250.00")));
        String masterData = "b2b-portal:" + submit(SampleOrders.order(uniqueRef(), "C-00000", "US", "93701",
                SampleOrders.line("1", "FURN_0269", "12", "299.00")));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                tasks.createTaskQuery().processInstanceBusinessKey(pricing).count() == 1
                        && tasks.createTaskQuery().processInstanceBusinessKey(masterData).count() == 1);
        String pricingTask = tasks.createTaskQuery().processInstanceBusinessKey(pricing).singleResult().getId();
        String masterDataTask = tasks.createTaskQuery().processInstanceBusinessKey(masterData).singleResult().getId();

        var browser = new TestBrowser("http://localhost:" + System.getProperty("ordergate.test.keycloak-app-port"));
        var tasklist = browser.loginThroughKeycloak("/camunda/app/tasklist/keycloak/", "priya");
        assertThat(tasklist.statusCode()).isEqualTo(200);
        var visible = browser.json("/camunda/api/engine/engine/keycloak/task?maxResults=500");

        List<String> ids = new java.util.ArrayList<>();
        visible.forEach(task -> ids.add(task.path("id").asText()));
        assertThat(ids).contains(pricingTask).doesNotContain(masterDataTask);
        assertThat(ids).allSatisfy(id -> assertThat(tasks.getIdentityLinksForTask(id))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("pricing-stewards")));
        assertThat(browser.status("/camunda/app/admin/keycloak/")).isNotEqualTo(200);
    }

    /**
     * Item 5 of issue 19, as an attacker would try it: a regional pricing steward (elke, EU; priya, every other
     * region) reaches the other region's price review through none of the review API, engine-rest and Tasklist's own
     * API (the task list, the task, its variables, its process's variables, completing it).
     */
    @Test
    void aRegionalPricingStewardCannotSeeOrDecideAnotherRegionsReview() {
        String eu = "b2b-portal:" + submit(euOrder(uniqueRef(), "250.00"));
        String us = "b2b-portal:" + submit(SampleOrders.order(uniqueRef(), "C-10042", "US", "93701",
                SampleOrders.line("1", "FURN_0269", "12", "250.00")));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                OrderTasks.review(tasks.createTaskQuery().processInstanceBusinessKey(eu), "reviewPriceMismatch").count() == 1
                        && OrderTasks.review(tasks.createTaskQuery().processInstanceBusinessKey(us), "reviewPriceMismatch").count() == 1);
        var euTask = tasks.createTaskQuery().processInstanceBusinessKey(eu).singleResult();
        var usTask = tasks.createTaskQuery().processInstanceBusinessKey(us).singleResult();
        assertThat(tasks.getIdentityLinksForTask(euTask.getId())).extracting(link -> link.getGroupId())
                .containsExactly("eu-pricing-stewards");

        for (var attack : List.of(new String[] {"elke", usTask.getId(), us, usTask.getProcessInstanceId(), "pricing-stewards"},
                new String[] {"priya", euTask.getId(), eu, euTask.getProcessInstanceId(), "eu-pricing-stewards"})) {
            String steward = attack[0];
            String foreignTask = attack[1];
            String foreignKey = attack[2];
            String foreignInstance = attack[3];
            // The review API: not in their list, the other group's list and the task itself 403, deciding it 403.
            var list = as(steward).get("/api/v1/reviews");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.raw()).doesNotContain(foreignKey).doesNotContain(foreignTask);
            assertThat(as(steward).get("/api/v1/reviews?group=" + attack[4]).status()).isEqualTo(403);
            assertThat(as(steward).get("/api/v1/reviews/" + foreignTask).status()).isEqualTo(403);
            var decision = as(steward).post("/api/v1/reviews/" + foreignTask + "/decision",
                    "{\"decision\": \"accept-submitted\", \"decisionComment\": \"not my region\"}");
            assertThat(decision.status()).as(decision.raw()).isEqualTo(403);
            // engine-rest is the operators' (realm role ops): a steward's token gets no task, variable or completion.
            String engineRest = "/engine-rest/engine/keycloak";
            assertThat(as(steward).get(engineRest + "/task?processInstanceBusinessKey=" + foreignKey).status())
                    .isEqualTo(403);
            assertThat(as(steward).get(engineRest + "/task/" + foreignTask + "/variables").status()).isEqualTo(403);
            assertThat(as(steward).post(engineRest + "/task/" + foreignTask + "/complete", "{}").status())
                    .isEqualTo(403);
            // Tasklist, logged in through Keycloak, calls the engine as the steward under Camunda authorizations.
            var browser = new TestBrowser("http://localhost:" + System.getProperty("ordergate.test.keycloak-app-port"));
            assertThat(browser.loginThroughKeycloak("/camunda/app/tasklist/keycloak/", steward).statusCode())
                    .isEqualTo(200);
            String tasklist = "/camunda/api/engine/engine/keycloak";
            var visible = browser.api("GET", tasklist + "/task?maxResults=500", null);
            assertThat(visible.statusCode()).isEqualTo(200);
            assertThat(visible.body()).doesNotContain(foreignTask);
            assertThat(browser.api("GET", tasklist + "/task?processInstanceBusinessKey=" + foreignKey, null).body())
                    .isEqualTo("[]");
            assertThat(browser.api("GET", tasklist + "/task/" + foreignTask, null).statusCode()).isIn(403, 404);
            assertThat(browser.api("GET", tasklist + "/task/" + foreignTask + "/variables", null).statusCode())
                    .isIn(403, 404);
            assertThat(browser.api("GET", tasklist + "/task/" + foreignTask + "/form-variables", null).statusCode())
                    .isIn(403, 404);
            assertThat(browser.api("GET", tasklist + "/process-instance/" + foreignInstance + "/variables", null)
                    .statusCode()).isIn(403, 404);
            assertThat(browser.api("GET", tasklist + "/history/task?processInstanceBusinessKey=" + foreignKey, null)
                    .body()).isEqualTo("[]");
            // Completing it is refused for the caller's rights, whether or not the form is filled in: the foreign task's
            // form rules are not even disclosed (no 400 naming a missing comment).
            var incomplete = browser.api("POST", tasklist + "/task/" + foreignTask + "/complete",
                    "{\"variables\": {\"decision\": {\"value\": \"accept-submitted\"}}}");
            assertThat(incomplete.statusCode()).as(incomplete.body()).isIn(403, 404);
            assertThat(incomplete.body()).doesNotContain("decisionComment");
            var complete = browser.api("POST", tasklist + "/task/" + foreignTask + "/complete",
                    "{\"variables\": {\"decision\": {\"value\": \"accept-submitted\"}, "
                            + "\"decisionComment\": {\"value\": \"not my region\"}}}");
            assertThat(complete.statusCode()).as(complete.body()).isIn(403, 404);
            assertThat(browser.api("POST", tasklist + "/task/" + foreignTask + "/claim", "{\"userId\": \"" + steward
                    + "\"}").statusCode()).isIn(403, 404);
            assertThat(tasks.createTaskQuery().taskId(foreignTask).singleResult()).as("still open, unclaimed")
                    .satisfies(task -> assertThat(task.getAssignee()).isNull());
        }

        // Each sees their own region's review in Tasklist, and the same calls reach it: the refusals above are theirs.
        var elke = new TestBrowser("http://localhost:" + System.getProperty("ordergate.test.keycloak-app-port"));
        elke.loginThroughKeycloak("/camunda/app/tasklist/keycloak/", "elke");
        assertThat(elke.api("GET", "/camunda/api/engine/engine/keycloak/task?maxResults=500", null).body())
                .contains(euTask.getId());
        assertThat(elke.api("GET", "/camunda/api/engine/engine/keycloak/task/" + euTask.getId() + "/variables", null)
                .statusCode()).isEqualTo(200);
        // Her own task's completion meets the form's rules (400 naming the field), not a refusal of her rights.
        var withoutComment = elke.api("POST", "/camunda/api/engine/engine/keycloak/task/" + euTask.getId() + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"accept-submitted\"}}}");
        assertThat(withoutComment.statusCode()).as(withoutComment.body()).isEqualTo(400);
        assertThat(withoutComment.body()).contains("decisionComment");
        var decided = as("elke").post("/api/v1/reviews/" + euTask.getId() + "/decision",
                "{\"decision\": \"accept-submitted\", \"decisionComment\": \"EU promotion\"}");
        assertThat(decided.status()).as(decided.raw()).isEqualTo(200);
        assertThat(as("priya").get("/api/v1/reviews?group=pricing-stewards").raw()).contains(usTask.getId());
    }

    @Test
    void aChannelSubmitsOnlyIntoTheRegionsItIsBoundToAndARefusalWritesNothing() {
        String ref = uniqueRef();
        // The EU region takes b2b-portal and eu-portal orders only (ordergate.regions.eu.channels).
        var refused = as("edi-gateway").post("/api/v1/orders",
                euOrder(ref, "279.00").replace("\"channel\": \"b2b-portal\"", "\"channel\": \"edi-gateway\""));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("type").asText()).isEqualTo("urn:ordergate:problem:region-not-permitted");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey("edi-gateway:" + ref).count()).isZero();
        assertThat(orders.findByBusinessKey("edi-gateway:" + ref)).isEmpty();
        assertThat(as("b2b-portal").post("/api/v1/orders", euOrder(uniqueRef(), "279.00")).status()).isEqualTo(201);
    }

    private static String euOrder(String ref, String unitPrice) {
        return SampleOrders.order(ref, "C-50001", "DE", "10178", SampleOrders.line("1", "FURN_0269", "10", unitPrice))
                .replace("\"USD\"", "\"EUR\"");
    }

    private String submit(String order) {
        var created = as("b2b-portal").post("/api/v1/orders", order);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().path("order").path("channelOrderRef").asText();
    }

    @Test
    void keycloakGroupsAreCamundaGroups() {
        assertThat(identities.createGroupQuery().groupMember("priya").list()).extracting(Group::getId)
                .containsExactly("pricing-stewards");
        assertThat(identities.createGroupQuery().groupMember("demo").list()).extracting(Group::getId)
                .containsExactly("admins");
        assertThat(identities.createUserQuery().memberOfGroup("operators").list()).extracting(u -> u.getId())
                .containsExactly("otto");
    }

    /**
     * Tasklist is for every region's reviewer groups, supervisors included (ordergate.regions.*.reviewer-groups):
     * an overdue review escalated to the supervisors reaches people who can open it.
     */
    @Test
    void everyRegionsReviewersAndSupervisorsGetTasklistAndNoOneElse() {
        for (String group : List.of("order-supervisors", "finance-supervisors", "eu-customer-service",
                "eu-credit-controllers", "eu-master-data-stewards", "eu-order-supervisors", "eu-finance-supervisors")) {
            assertThat(authorizations.isUserAuthorized("someone", List.of(group),
                    org.camunda.bpm.engine.authorization.Permissions.ACCESS,
                    org.camunda.bpm.engine.authorization.Resources.APPLICATION, "tasklist")).as(group).isTrue();
        }
        assertThat(authorizations.isUserAuthorized("someone", List.of("operators", "analysts", "eu-operators"),
                org.camunda.bpm.engine.authorization.Permissions.ACCESS,
                org.camunda.bpm.engine.authorization.Resources.APPLICATION, "tasklist")).isFalse();
        assertThat(identities.createGroupQuery().groupMember("jonas").list()).extracting(Group::getId)
                .containsExactlyInAnyOrder("eu-customer-service", "eu-credit-controllers", "eu-master-data-stewards");
    }
}
