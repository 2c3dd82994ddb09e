package dev.ordergate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;
import org.yaml.snakeyaml.Yaml;

/** The chart in helm/ordergate, linted and rendered by Helm's own engine, and the manifests read back. */
public class HelmChartTest {

    static final Path CHART = Path.of("helm", "ordergate");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theChartLintsCleanlyWithItsRequiredValues(@TempDir Path copy) throws IOException {
        // helm lint takes no values; lint a copy whose values.yaml has the required ones filled in.
        Path chart = copy.resolve("ordergate");
        FileSystemUtils.copyRecursively(CHART, chart);
        Path values = chart.resolve("values.yaml");
        Files.writeString(values, Files.readString(values)
                .replace("keycloak:\n  url: \"\"", "keycloak:\n  url: \"https://sso.example.com\"")
                .replace("  existingSecret: \"\"\n  # Keys:", "  existingSecret: \"ordergate-secrets\"\n  # Keys:"));
        var lint = new Helm(chart).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void aRenderWithoutTheKeycloakUrlOrTheSecretsFailsNamingTheValue() {
        // Helm stops at the first missing value: leave out one at a time.
        assertThatThrownBy(() -> template().set("keycloak.url", "").call())
                .hasMessageContaining("keycloak.url is required");
        assertThatThrownBy(() -> template().set("secrets.keycloakWebappsClientSecret", "").call())
                .hasMessageContaining("secrets.keycloakWebappsClientSecret is required");
        assertThatThrownBy(() -> template().set("secrets.b2bPortalWebhookSecret", "").call())
                .hasMessageContaining("secrets.b2bPortalWebhookSecret is required");
    }

    @Test
    void theChartNeverRendersTheOpenLocalMode() {
        assertThatThrownBy(() -> template().set("extraEnv.ORDERGATE_LOCAL_MODE", "true").call())
                .hasMessageContaining("ORDERGATE_LOCAL_MODE");
    }

    @Test
    void everyNodeRunsTheKeycloakProfileWithItsSecretsFromAKubernetesSecret() throws IOException {
        List<JsonNode> manifests = render(template());

        JsonNode config = only(manifests, "ConfigMap", "og-ordergate").path("data");
        assertThat(config.path("SPRING_PROFILES_ACTIVE").asText().split(",")).contains("keycloak");
        assertThat(config.path("KEYCLOAK_URL").asText()).isEqualTo("https://sso.example.com");
        assertThat(config.has("ORDERGATE_LOCAL_MODE")).isFalse();
        JsonNode container = only(manifests, "Deployment").path("spec").path("template").path("spec").path("containers").get(0);
        for (String variable : List.of("KEYCLOAK_WEBAPPS_CLIENT_SECRET", "KEYCLOAK_IDENTITY_CLIENT_SECRET",
                "B2B_PORTAL_WEBHOOK_SECRET")) {
            assertThat(env(container, variable).path("valueFrom").path("secretKeyRef").path("name").asText())
                    .isEqualTo("og-ordergate-secrets");
        }
        assertThat(only(manifests, "Secret").path("stringData").path("keycloak-identity-client-secret").asText())
                .isEqualTo("identity-from-values");

        List<JsonNode> withExisting = render(template().set("secrets.existingSecret", "platform-secrets"));
        assertThat(kinds(withExisting)).doesNotContain("Secret");
        JsonNode existing = only(withExisting, "Deployment").path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(env(existing, "KEYCLOAK_WEBAPPS_CLIENT_SECRET").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("platform-secrets");
    }

    /** A render with the values a real installation must give. */
    public static com.marcnuri.helm.TemplateCommand template() {
        return new Helm(CHART).template().withName("og").set("keycloak.url", "https://sso.example.com")
                .set("secrets.keycloakWebappsClientSecret", "webapps-from-values")
                .set("secrets.keycloakIdentityClientSecret", "identity-from-values")
                .set("secrets.b2bPortalWebhookSecret", "webhook-from-values");
    }

    @Test
    void theDefaultsRenderSeveralIdenticalNodesOnOneDatabaseWithProbesResourcesAndADisruptionBudget() throws Exception {
        List<JsonNode> manifests = render(template());

        JsonNode deployment = only(manifests, "Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/actuator/health/readiness");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/actuator/health/liveness");
        assertThat(container.path("startupProbe").isMissingNode()).isFalse();
        assertThat(container.path("resources").path("requests").path("cpu").asText()).isEqualTo("2");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("768Mi");
        assertThat(container.path("envFrom").get(0).path("configMapRef").path("name").asText()).isEqualTo("og-ordergate");
        assertThat(env(container, "SPRING_DATASOURCE_PASSWORD").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("ordergate-db");
        assertThat(env(container, "ODOO_API_KEY").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("ordergate-odoo");
        assertThat(deployment.path("spec").path("template").path("metadata").path("annotations").has("checksum/config"))
                .isTrue();

        JsonNode config = only(manifests, "ConfigMap", "og-ordergate").path("data");
        assertThat(config.path("SPRING_PROFILES_ACTIVE").asText()).isEqualTo("postgres,keycloak");
        assertThat(config.path("SPRING_DATASOURCE_URL").asText()).startsWith("jdbc:postgresql://");
        assertThat(config.path("ORDERGATE_SANDBOX_ENABLED").asText()).isEqualTo("false");
        assertThat(config.path("CAMUNDA_BPM_JOB_EXECUTION_MAX_POOL_SIZE").asText()).isEqualTo("2");
        assertThat(config.path("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE").asText()).isEqualTo("10");
        String javaOptions = config.path("JAVA_TOOL_OPTIONS").asText();
        assertThat(javaOptions).contains("-Xmx256m", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000");
        assertThat(jvmAccepts(javaOptions)).as("a JDK 17 starts with the chart's options: %s", javaOptions).isZero();
        assertThat(config.path("MALLOC_ARENA_MAX").asText()).as("glibc's arenas, as benchmarked").isEqualTo("2");
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
        List<JsonNode> manifests = render(template());

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
        List<JsonNode> manifests = render(template()
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

    public static List<JsonNode> render(com.marcnuri.helm.TemplateCommand template) {
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

    public static JsonNode only(List<JsonNode> manifests, String kind) {
        List<JsonNode> found = manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    public static JsonNode only(List<JsonNode> manifests, String kind, String name) {
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

    /** The exit code of {@code java <options> -version} on the JDK running the tests: an option it does not know fails. */
    private static int jvmAccepts(String options) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.util.Arrays.asList(options.trim().split("\\s+")));
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return java.waitFor();
    }
}
