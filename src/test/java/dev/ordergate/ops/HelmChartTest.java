package dev.ordergate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The chart in helm/ordergate, linted and rendered by Helm's own engine, and the manifests read back. */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "ordergate");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theChartLintsCleanly() {
        var lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void theDefaultsRenderSeveralIdenticalNodesOnOneDatabaseWithProbesResourcesAndADisruptionBudget() throws IOException {
        List<JsonNode> manifests = render(new Helm(CHART).template().withName("og"));

        JsonNode deployment = only(manifests, "Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/actuator/health/readiness");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/actuator/health/liveness");
        assertThat(container.path("startupProbe").isMissingNode()).isFalse();
        assertThat(container.path("resources").path("requests").path("cpu").asText()).isEqualTo("2");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("2Gi");
        assertThat(container.path("envFrom").get(0).path("configMapRef").path("name").asText()).isEqualTo("og-ordergate");
        assertThat(env(container, "SPRING_DATASOURCE_PASSWORD").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("ordergate-db");
        assertThat(env(container, "ODOO_API_KEY").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("ordergate-odoo");
        assertThat(deployment.path("spec").path("template").path("metadata").path("annotations").has("checksum/config"))
                .isTrue();

        JsonNode config = only(manifests, "ConfigMap", "og-ordergate").path("data");
        assertThat(config.path("SPRING_PROFILES_ACTIVE").asText()).isEqualTo("postgres");
        assertThat(config.path("SPRING_DATASOURCE_URL").asText()).startsWith("jdbc:postgresql://");
        assertThat(config.path("ORDERGATE_SANDBOX_ENABLED").asText()).isEqualTo("false");
        assertThat(config.path("CAMUNDA_BPM_JOB_EXECUTION_MAX_POOL_SIZE").asText()).isEqualTo("2");
        assertThat(config.path("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE").asText()).isEqualTo("10");
        assertThat(config.toString()).doesNotContainIgnoringCase("password\":");

        JsonNode pdb = only(manifests, "PodDisruptionBudget");
        assertThat(pdb.path("spec").path("minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
        assertThat(only(manifests, "Service").path("spec").path("selector"))
                .isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
        assertThat(kinds(manifests)).doesNotContain("HorizontalPodAutoscaler", "ServiceMonitor", "Ingress");
    }

    @Test
    void theDashboardShowsBusinessAndTechnicalFailuresOnSeparateRows() throws IOException {
        List<JsonNode> manifests = render(new Helm(CHART).template().withName("og"));

        JsonNode configMap = only(manifests, "ConfigMap", "og-ordergate-dashboard");
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        JsonNode dashboard = JSON.readTree(configMap.path("data").path("ordergate.json").asText());
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        List<String> rows = panels.stream().filter(p -> "row".equals(p.path("type").asText()))
                .map(p -> p.path("title").asText()).toList();
        assertThat(rows).anyMatch(t -> t.startsWith("Business failures")).anyMatch(t -> t.startsWith("Technical failures"));
        assertThat(panelsOfRow(panels, "Business failures")).contains("ordergate_gate_outcomes_total", "ordergate_review_tasks_open",
                        "ordergate_peer_refusals_total")
                .doesNotContain("ordergate_incidents_open");
        assertThat(panelsOfRow(panels, "Technical failures")).contains("ordergate_incidents_open", "ordergate_peer_calls_seconds")
                .doesNotContain("ordergate_gate_outcomes_total", "ordergate_peer_refusals_total");
    }

    @Test
    void autoscalingMonitoringAndIngressAreRenderedWhenSwitchedOn() throws IOException {
        List<JsonNode> manifests = render(new Helm(CHART).template().withName("og")
                .set("autoscaling.enabled", "true").set("autoscaling.maxReplicas", "5")
                .set("serviceMonitor.enabled", "true").set("ingress.enabled", "true")
                .set("ingress.host", "orders.example.com").set("smtp.host", "smtp.example.com")
                .set("smtp.existingSecret", "ordergate-smtp"));

        JsonNode hpa = only(manifests, "HorizontalPodAutoscaler");
        assertThat(hpa.path("spec").path("maxReplicas").asInt()).isEqualTo(5);
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("og-ordergate");
        assertThat(only(manifests, "Deployment").path("spec").has("replicas")).isFalse();
        JsonNode monitor = only(manifests, "ServiceMonitor");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(only(manifests, "Ingress").path("spec").path("rules").get(0).path("host").asText())
                .isEqualTo("orders.example.com");
        assertThat(only(manifests, "ConfigMap", "og-ordergate").path("data").path("SPRING_MAIL_HOST").asText())
                .isEqualTo("smtp.example.com");
        JsonNode container = only(manifests, "Deployment").path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(env(container, "SPRING_MAIL_PASSWORD").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("ordergate-smtp");
    }

    private static String panelsOfRow(List<JsonNode> panels, String rowPrefix) {
        StringBuilder exprs = new StringBuilder();
        boolean inRow = false;
        for (JsonNode panel : panels) {
            if ("row".equals(panel.path("type").asText())) {
                inRow = panel.path("title").asText().startsWith(rowPrefix);
            } else if (inRow) {
                panel.path("targets").forEach(t -> exprs.append(t.path("expr").asText()).append('\n'));
            }
        }
        return exprs.toString();
    }

    private static List<JsonNode> render(com.marcnuri.helm.TemplateCommand template) {
        List<JsonNode> manifests = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(template.call())) {
            if (doc != null) {
                manifests.add(JSON.valueToTree(doc));
            }
        }
        return manifests;
    }

    private static List<String> kinds(List<JsonNode> manifests) {
        return manifests.stream().map(m -> m.path("kind").asText()).toList();
    }

    private static JsonNode only(List<JsonNode> manifests, String kind) {
        List<JsonNode> found = manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static JsonNode only(List<JsonNode> manifests, String kind, String name) {
        Optional<JsonNode> found = manifests.stream().filter(m -> kind.equals(m.path("kind").asText())
                && name.equals(m.path("metadata").path("name").asText())).findFirst();
        assertThat(found).as(kind + " " + name).isPresent();
        return found.get();
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env;
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("env"));
    }
}
