package dev.ordergate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.ApiClient;
import dev.ordergate.OrdergateApplication;
import dev.ordergate.deploy.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14's findings 1-5 and 9, each with the attack that found it, against the keycloak profile and a real
 * Keycloak (TestKeycloak) with the sandbox switched on explicitly. A context of its own, closed after this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "server.port=${ordergate.test.keycloak-app-port}",
        "camunda.bpm.process-engine-name=attacks",
        "spring.datasource.url=jdbc:h2:mem:ordergate-attacks;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000",
        "ordergate.sandbox.wms.auto-ship=false",
        "ordergate.sandbox.enabled=true",
        "ordergate.security.keycloak.identity-client-secret=camunda-identity-service-test-secret",
        "spring.security.oauth2.client.registration.keycloak.client-secret=ordergate-webapps-test-secret",
        "ordergate.odoo.api-key=" + AttacksTest.ODOO_KEY,
        "ordergate.status-events.channels.b2b-portal.secret=b2b-portal-webhook-test-secret"})
@Tag("own-context")
@ActiveProfiles({"test", "keycloak"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AttacksTest {

    static final String ODOO_KEY = "odoo-test-key";
    /** The engine is named after this class (a context of its own), so engine-rest is addressed with its name. */
    private static final String ENGINE_REST = "/engine-rest/engine/attacks";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base = "http://localhost:" + System.getProperty("ordergate.test.keycloak-app-port");
    private final ApiClient anonymous = ApiClient.at(base);

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add("ordergate.security.keycloak.url", TestKeycloak::url);
    }

    private String token(String who) {
        return TOKENS.computeIfAbsent(who, w -> switch (w) {
            case "b2b-portal", "edi-gateway", "wms" -> TestKeycloak.clientToken(w);
            default -> TestKeycloak.userToken(w);
        });
    }

    private ApiClient as(String who) {
        return anonymous.withToken(token(who));
    }

    // Finding 1: a node without the keycloak profile answered every anonymous request.

    @Test
    void aNodeWithNeitherTheKeycloakProfileNorLocalModeRefusesToStartNamingBoth() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(OrdergateApplication.class)
                .run("--ordergate.local-mode=false", "--server.port=0"))
                .hasMessageContaining("keycloak").hasMessageContaining("ordergate.local-mode=true");
    }

    // Finding 5: demo secrets were used silently in keycloak mode.

    @Test
    void aKeycloakNodeWithDemoOrMissingSecretsRefusesToStartNamingEachSetting() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(OrdergateApplication.class).profiles("keycloak")
                .run("--server.port=0", "--ordergate.odoo.api-key=sandbox-admin-key",
                        "--KEYCLOAK_WEBAPPS_CLIENT_SECRET=ordergate-webapps-demo-secret"))
                .hasMessageContaining("ordergate.security.keycloak.identity-client-secret (KEYCLOAK_IDENTITY_CLIENT_SECRET) is missing")
                .hasMessageContaining("spring.security.oauth2.client.registration.keycloak.client-secret "
                        + "(KEYCLOAK_WEBAPPS_CLIENT_SECRET) still has its demo value")
                .hasMessageContaining("ordergate.odoo.api-key (ODOO_API_KEY) still has its demo value")
                .hasMessageContaining("ordergate.status-events.channels.b2b-portal.secret still has its demo value");
    }

    @Test
    void aStatusEventForgedWithTheDefaultWebhookSecretIsRefused() throws Exception {
        String event = "{\"orderId\":\"x\",\"status\":\"SHIPPED\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("sandbox-webhook-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(event.getBytes(StandardCharsets.UTF_8)));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/sandbox/channel/webhook"))
                .header("Content-Type", "application/json").header("X-Ordergate-Signature", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event)).build();

        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    // Finding 2: an ops token made itself a Camunda administrator through engine-rest.

    @Test
    void anOperatorCannotGrantItselfAnAuthorizationNorOpenTheAdminWebapp() {
        String grant = """
                {"type": 1, "permissions": ["ALL"], "userId": "otto", "groupId": null, "resourceType": 0, "resourceId": "*"}
                """;

        var response = as("otto").post(ENGINE_REST + "/authorization/create", grant);

        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        // engine-rest itself still serves the operator, now as otto under the operators' authorizations.
        assertThat(as("otto").get(ENGINE_REST + "/task").status()).isEqualTo(200);
        AuthorizationService authorizations = engine.getAuthorizationService();
        assertThat(authorizations.createAuthorizationQuery().userIdIn("otto").count()).isZero();
        assertThat(authorizations.isUserAuthorized("otto", java.util.List.of("operators"),
                org.camunda.bpm.engine.authorization.Permissions.ACCESS, Resources.APPLICATION, "admin")).isFalse();
    }

    @Test
    void anAdministratorStillManagesAuthorizationsThroughEngineRest() {
        String grant = """
                {"type": 1, "permissions": ["READ"], "userId": "anna", "groupId": null, "resourceType": 6, "resourceId": "attacks-check"}
                """;

        var response = as("demo").post(ENGINE_REST + "/authorization/create", grant);

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(engine.getAuthorizationService().createAuthorizationQuery().userIdIn("anna")
                .resourceId("attacks-check").count()).isEqualTo(1);
    }

    @Test
    void modelsAreDeployedOnlyThroughTheOpsApiByTheDeployRoleAndAudited() {
        Map<String, String> model = Map.of("attack-harmless.bpmn", model("attack-harmless", "${true}"));

        var throughEngineRest = Multipart.postAuthorized(base + ENGINE_REST + "/deployment/create",
                "Bearer " + token("otto"), Map.of("deployment-name", "attack"), null, model);
        var byAnOperator = Multipart.postAuthorized(base + "/api/v1/ops/deployments", "Bearer " + token("otto"),
                Map.of("name", "attack-harmless"), "files", model);
        var byAnAnalyst = Multipart.postAuthorized(base + "/api/v1/ops/deployments", "Bearer " + token("anna"),
                Map.of("name", "attack-harmless"), "files", model);

        assertThat(throughEngineRest.status()).as(throughEngineRest.raw()).isEqualTo(403);
        assertThat(byAnOperator.status()).as(byAnOperator.raw()).isEqualTo(403);
        assertThat(byAnAnalyst.status()).as(byAnAnalyst.raw()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT deployed_by FROM app.deployments WHERE deployment_id = :id")
                .param("id", byAnAnalyst.body().path("deploymentId").asText()).query(String.class).single())
                .isEqualTo("anna");
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName("attack").count()).isZero();
    }

    // Finding 3: a deployed model read the webapps' client secret through the Spring environment bean.

    @Test
    void aModelWhoseExpressionReadsTheEnvironmentIsRefusedAtDeployTimeAndNothingIsStored() {
        RepositoryService repository = engine.getRepositoryService();
        String attack = model("attack-environment",
                "${environment.getProperty('spring.security.oauth2.client.registration.keycloak.client-secret')}");

        var response = Multipart.postAuthorized(base + "/api/v1/ops/deployments", "Bearer " + token("anna"),
                Map.of("name", "attack-environment"), "files", Map.of("attack-environment.bpmn", attack));

        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.raw()).contains("'environment'").doesNotContain("webapps-test-secret");
        assertThat(repository.createDeploymentQuery().deploymentName("attack-environment").count()).isZero();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("attack-environment").count()).isZero();
    }

    @Test
    void theEngineResolvesNeitherTheEnvironmentNorTheDataSourceButStillTheDelegates() {
        assertThatThrownBy(() -> evaluate("${environment}")).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("environment");
        assertThatThrownBy(() -> evaluate("${dataSource}")).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("dataSource");
        assertThat(evaluate("${commitSalesOrder}")).isInstanceOf(org.camunda.bpm.engine.delegate.JavaDelegate.class);
    }

    // Finding 4: the sandbox was open without a token in keycloak mode.

    @Test
    void theSandboxShowsNeitherMailsNorChannelEventsWithoutAnOperatorsToken() {
        assertThat(anonymous.get("/sandbox/mail").status()).isEqualTo(401);
        assertThat(anonymous.get("/sandbox/channel/events").status()).isEqualTo(401);
        assertThat(as("b2b-portal").get("/sandbox/mail").status()).isEqualTo(403);
        assertThat(as("otto").get("/sandbox/mail").status()).isEqualTo(200);
    }

    @Test
    void theSandboxOdooRefusesTheReadmesKeyAndTheDemoPasswordButTakesTheNodesOwnKey() {
        assertThat(readCustomers("sandbox-admin-key").path("error").isMissingNode()).isFalse();
        assertThat(readCustomers("admin").path("error").isMissingNode()).isFalse();
        assertThat(readCustomers(ODOO_KEY).path("result").isArray()).isTrue();
    }

    private JsonNode readCustomers(String key) {
        String call = """
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"service": "object", "method": "execute_kw",
                 "args": ["sandbox", 2, "%s", "res.partner", "search_read", [[]], {"fields": ["name", "vat", "credit_limit"]}]}}
                """.formatted(key);
        return anonymous.post("/sandbox/odoo/jsonrpc", call).body();
    }

    // Finding 9: the smaller ones.

    @Test
    void anOrderReadOnlyChannelCannotReadReturns() {
        var response = as("edi-gateway").get("/api/v1/orders/any/returns");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aMatrixParameterOnEngineRestIsRefusedWithoutAServerError() {
        var response = anonymous.get("/engine-rest;x/task");

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).doesNotContain("at org.");
    }

    @Test
    void theWebappsBrowserClientRefusesThePasswordGrant() {
        var response = TestKeycloak.tokenResponse(Map.of("grant_type", "password", "client_id", "ordergate-webapps",
                "client_secret", TestKeycloak.secret("ordergate-webapps"), "username", "demo", "password", "demo"));

        assertThat(response.statusCode()).isIn(400, 401);
        assertThat(response.body()).contains("unauthorized_client");
    }

    @Test
    void theShippedRealmsBrowserClientRedirectsOnlyToExactAddresses() throws Exception {
        JsonNode realm = JSON.readTree(Path.of("keycloak", "ordergate-realm.json").toFile());
        JsonNode webapps = null;
        for (JsonNode client : realm.path("clients")) {
            if ("ordergate-webapps".equals(client.path("clientId").asText())) {
                webapps = client;
            }
        }

        assertThat(webapps).isNotNull();
        assertThat(webapps.path("directAccessGrantsEnabled").asBoolean(true)).isFalse();
        assertThat(webapps.path("redirectUris")).isNotEmpty()
                .allSatisfy(uri -> assertThat(uri.asText()).doesNotContain("*"));
    }

    private Object evaluate(String expression) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(context -> configuration.getExpressionManager()
                .createExpression(expression).getValue(StartProcessVariableScope.getSharedInstance()));
    }

    private static String model(String key, String expression) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://ordergate.dev/attack">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="read"/>
                    <bpmn:serviceTask id="read" camunda:expression="%s" camunda:resultVariable="secret"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="read" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, expression);
    }
}
