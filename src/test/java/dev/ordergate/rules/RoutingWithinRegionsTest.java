package dev.ordergate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.deploy.Multipart;
import dev.ordergate.region.RegionProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A region's reviews stay with the region's groups: a reviewer-routing.dmn that sends an EU exception to a US group,
 * or has no row for one, is refused before it is stored; a node whose regions disagree with the deployed table does
 * not start.
 */
@IntegrationTest
class RoutingWithinRegionsTest {

    private final String base = ApiClient.baseUrl();

    @Autowired
    RepositoryService repository;
    @Autowired
    ProcessEngine engine;

    @Test
    void aTableThatSendsAnEuCreditHoldToTheUsControllersIsRefusedAndNothingIsStored() throws IOException {
        String table = shipped().replace("<outputEntry id=\"euCreditReviewer\"><text>\"eu-credit-controllers\"</text>",
                "<outputEntry id=\"euCreditReviewer\"><text>\"credit-controllers\"</text>");
        long versions = versions();

        Multipart.Response response = deploy(table);

        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.raw()).contains("invalid-model", "reviewer-routing.dmn",
                "region eu's 'credit' exceptions go to credit-controllers (reviewerGroup), which is not one of the"
                        + " region's reviewer groups");
        assertThat(response.raw()).as("only the one wrong cell is named").doesNotContain("'tax'");
        assertThat(versions()).as("nothing was deployed").isEqualTo(versions);
    }

    @Test
    void aTableWithoutARowForAnEuExceptionIsRefused() throws IOException {
        String shipped = shipped();
        int start = shipped.indexOf("      <rule id=\"euTaxRule\">");
        String table = shipped.substring(0, start) + shipped.substring(shipped.indexOf("</rule>", start) + 8);
        long versions = versions();

        Multipart.Response response = deploy(table);

        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.raw()).contains("no row routes region eu's 'tax' exceptions");
        assertThat(versions()).isEqualTo(versions);
    }

    @Test
    void aNodeWhoseRegionsDisagreeWithTheDeployedTableRefusesToStart() {
        // Another node's configuration: the EU lists only its pricing stewards, so the deployed table's EU credit,
        // tax, ... rows route outside it.
        var narrow = new RegionProperties(Map.of("eu", new RegionProperties.Region(2, "EUR", "odoo", null, "odoo",
                null, List.of("EU"), null, List.of("eu-pricing-stewards", "eu-order-supervisors"), null, null, null)));
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThatThrownBy(() -> new RoutingWithinRegions(narrow, configuration).run(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("region eu's 'credit' exceptions go to eu-credit-controllers")
                .hasMessageContaining("ordergate.regions.eu.reviewer-groups")
                .hasMessageNotContaining("'pricing' exceptions");
        // This node's own regions fit the table it runs.
        new RoutingWithinRegions(new RegionProperties(Map.of()), configuration).run(null);
    }

    private Multipart.Response deploy(String table) {
        return Multipart.post(base + "/api/v1/ops/deployments", null, Map.of(), "files",
                Map.of("reviewer-routing.dmn", table));
    }

    private long versions() {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(RoutingWithinRegions.TABLE).count();
    }

    private static String shipped() throws IOException {
        return Files.readString(Path.of("bpmn/reviewer-routing.dmn"));
    }
}
