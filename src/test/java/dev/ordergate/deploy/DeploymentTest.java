package dev.ordergate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deploying from Camunda Modeler (engine REST, basic auth, deployer groups only) and through the ops API, audited. */
@IntegrationTest
class DeploymentTest {

    private final String base = ApiClient.baseUrl();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RepositoryService repository;

    @Test
    void anAnalystDeploysFromModelerThroughTheEngineRestApiAndTheDeploymentIsAudited() {
        String key = "modeler-sample-" + UUID.randomUUID().toString().substring(0, 8);

        Multipart.Response response = Multipart.post(base + "/engine-rest/deployment/create", "analyst:analyst",
                Map.of("deployment-name", key, "deployment-source", "Camunda Modeler", "deploy-changed-only", "true"),
                null, Map.of(key + ".bpmn", sampleProcess(key)));

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        String deploymentId = response.body().path("id").asText();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);
        Map<String, Object> audit = jdbc.sql("SELECT * FROM app.deployments WHERE deployment_id = :id").param("id", deploymentId)
                .query().singleRow();
        assertThat(audit.get("DEPLOYED_BY")).isEqualTo("analyst");
        assertThat(audit.get("SOURCE")).isEqualTo("Camunda Modeler");
        assertThat(audit.get("RESOURCES")).isEqualTo(key + ".bpmn");
        assertThat(audit.get("DEPLOYED_AT")).isNotNull();
    }

    @Test
    void aDeploymentThroughTheEngineRestApiWithoutCredentialsIsRefused() {
        Multipart.Response response = Multipart.post(base + "/engine-rest/deployment/create", null,
                Map.of("deployment-name", "anonymous"), null, Map.of("x.bpmn", sampleProcess("anonymous-sample")));

        assertThat(response.status()).isEqualTo(401);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("anonymous-sample").count()).isZero();
    }

    @Test
    void aReviewerWithoutTheDeployerRoleCannotDeployThroughTheEngineRestApi() {
        Multipart.Response response = Multipart.post(base + "/engine-rest/deployment/create", "pricing:pricing",
                Map.of("deployment-name", "reviewer"), null, Map.of("x.bpmn", sampleProcess("reviewer-sample")));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.raw()).contains("analysts");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("reviewer-sample").count()).isZero();
    }

    @Test
    void opsDeployThroughTheOpsApiOnlyWhatChangedAndEachDeploymentIsAudited() {
        String key = "ops-sample-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> files = Map.of(key + ".bpmn", sampleProcess(key));

        Multipart.Response first = Multipart.post(base + "/api/v1/ops/deployments?name=" + key, null, Map.of(), "files", files);
        Multipart.Response again = Multipart.post(base + "/api/v1/ops/deployments?name=" + key, null, Map.of(), "files", files);

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.body().path("definitions").get(0).path("key").asText()).isEqualTo(key);
        assertThat(first.body().path("definitions").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(again.status()).as("unchanged files deploy nothing").isEqualTo(200);
        assertThat(again.body().path("changed").asBoolean()).isFalse();
        var audit = new ApiClient().get("/api/v1/ops/deployments?limit=500").body();
        assertThat(audit.findValuesAsText("deploymentId")).containsOnlyOnce(first.body().path("deploymentId").asText());
        assertThat(audit.findValuesAsText("source")).contains("ops-api");
    }

    @Test
    void anUnchangedShippedFileDeployedFromModelerOrTheOpsApiMakesNoNewVersion() throws Exception {
        String model = java.nio.file.Files.readString(java.nio.file.Path.of("bpmn/order-return.bpmn"));
        String form = java.nio.file.Files.readString(java.nio.file.Path.of("forms/return-inspection.form"));
        long processVersions = repository.createProcessDefinitionQuery().processDefinitionKey("order-return").count();
        long deployments = repository.createDeploymentQuery().count();

        // Modeler's own fields: the diagram's base name, its source, only what changed, the linked form included.
        Multipart.Response modeler = Multipart.post(base + "/engine-rest/deployment/create", "analyst:analyst",
                Map.of("deployment-name", "order-return", "deployment-source", "Camunda Modeler", "deploy-changed-only", "true"),
                null, Map.of("order-return.bpmn", model, "return-inspection.form", form));
        Multipart.Response opsApi = Multipart.post(base + "/api/v1/ops/deployments", null, Map.of(), "files",
                Map.of("order-return.bpmn", model));

        assertThat(modeler.status()).as(modeler.raw()).isEqualTo(200);
        assertThat(opsApi.status()).as(opsApi.raw()).isEqualTo(200);
        assertThat(opsApi.body().path("changed").asBoolean()).isFalse();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("order-return").count())
                .as("an unchanged file is no new version").isEqualTo(processVersions);
        assertThat(repository.createDeploymentQuery().count()).as("nothing was deployed").isEqualTo(deployments);

        Multipart.Response changed = Multipart.post(base + "/api/v1/ops/deployments", null, Map.of(), "files",
                Map.of("order-return.bpmn", model.replace("</definitions>", "<!-- changed --></definitions>")));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(201);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("order-return").count())
                .isEqualTo(processVersions + 1);
        assertThat(jdbc.sql("SELECT source FROM app.deployments WHERE deployment_id = :id")
                .param("id", changed.body().path("deploymentId").asText()).query(String.class).single()).isEqualTo("ops-api");
    }

    @Test
    void aModelTheEngineRefusesIsAProblemNamingTheEnginesReason() {
        Multipart.Response response = Multipart.post(base + "/api/v1/ops/deployments", null, Map.of(), "files",
                Map.of("broken.bpmn", sampleProcess("broken-sample").replace("camunda:historyTimeToLive=\"30\"", "")
                        .replace("targetRef=\"done\"", "targetRef=\"nowhere\"")));

        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.raw()).contains("invalid-model", "broken.bpmn");
    }

    @Test
    void aFileThatIsNotAModelIsRefused() {
        Multipart.Response response = Multipart.post(base + "/api/v1/ops/deployments", null, Map.of(), "files",
                Map.of("notes.txt", "hello"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.raw()).contains("notes.txt");
    }

    static String sampleProcess(String key) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                             id="d_%1$s" targetNamespace="http://ordergate.dev/test">
                  <process id="%1$s" name="Deploy sample" isExecutable="true" camunda:historyTimeToLive="30">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="done"/>
                    <endEvent id="done"/>
                  </process>
                </definitions>
                """.formatted(key);
    }
}
