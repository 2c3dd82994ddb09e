package dev.ordergate.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.ChildJvm;
import dev.ordergate.FreePort;
import dev.ordergate.TestPostgres;
import dev.ordergate.ops.HelmChartTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node started with exactly the environment the Helm chart renders (ConfigMap and the Deployment's env, secrets
 * resolved from the rendered Secret), on PostgreSQL and the test Keycloak: issue 14's finding 1 was that this node
 * answered anonymous requests. The production main class in a JVM of its own, without the tests' local mode.
 */
@Tag("own-context")
class HelmChartNodeTest {

    private static ChildJvm node;

    @BeforeAll
    static void startNodeWithTheChartsEnvironment() {
        List<JsonNode> manifests = HelmChartTest.render(HelmChartTest.template()
                .set("keycloak.url", TestKeycloak.url())
                .set("secrets.keycloakWebappsClientSecret", TestKeycloak.secret("ordergate-webapps"))
                .set("secrets.keycloakIdentityClientSecret", TestKeycloak.secret("camunda-identity-service"))
                .set("database.url", TestPostgres.freshDatabase("ordergate_chart_node"))
                .set("database.username", TestPostgres.username())
                // The node needs an SMTP host to start (the chart leaves mail unconfigured without one); none is
                // listening there, and these tests send no mail.
                .set("smtp.host", "127.0.0.1").set("smtp.port", String.valueOf(FreePort.find())));
        Map<String, String> environment = new HashMap<>();
        HelmChartTest.only(manifests, "ConfigMap", "og-ordergate").path("data").fields()
                .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        JsonNode secret = HelmChartTest.only(manifests, "Secret").path("stringData");
        // The Secrets the chart expects to exist already: the database's (trust here) and Odoo's.
        Map<String, String> external = Map.of("ordergate-db", "", "ordergate-odoo", "odoo-test-key");
        JsonNode container = HelmChartTest.only(manifests, "Deployment").path("spec").path("template").path("spec")
                .path("containers").get(0);
        for (JsonNode variable : container.path("env")) {
            JsonNode reference = variable.path("valueFrom").path("secretKeyRef");
            String value = reference.isMissingNode() ? variable.path("value").asText()
                    : external.getOrDefault(reference.path("name").asText(), secret.path(reference.path("key").asText()).asText());
            environment.put(variable.path("name").asText(), value);
        }
        node = ChildJvm.start("chart-node", FreePort.find(), Path.of("target", "chart-node", "node.log"), List.of(),
                List.of(), environment).awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anAnonymousOrderRequestIsRefusedWith401ProblemJson() {
        var response = ApiClient.at(node.url()).get("/api/v1/orders");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void incidentsMetricsAndTheEnginesUsersNeedAToken() {
        ApiClient anonymous = ApiClient.at(node.url());

        assertThat(anonymous.get("/api/v1/ops/incidents").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous.get("/engine-rest/user").status()).isEqualTo(401);
    }

    @Test
    void theSandboxIsOffEvenForAnOperator() {
        var response = ApiClient.at(node.url()).withToken(TestKeycloak.userToken("otto")).get("/sandbox/mail");

        assertThat(response.status()).isEqualTo(404);
    }
}
