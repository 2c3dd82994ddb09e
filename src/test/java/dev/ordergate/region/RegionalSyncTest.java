package dev.ordergate.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.TestMasterDataHub;
import dev.ordergate.sandbox.SimulatedWmsStock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The synchronisations per region, through the API, the real engine, the sandbox Odoo's two companies over JSON-RPC,
 * the simulated WMS and a WireMock master-data hub: master data with the region's own field owners, inventory over
 * the region's warehouses, and a timer's tick that starts one run per live region.
 */
@IntegrationTest
class RegionalSyncTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int US_COMPANY = 1;
    private static final int EU_COMPANY = 2;

    private final ApiClient api = new ApiClient();

    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    SimulatedWmsStock wms;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    dev.ordergate.inventory.StockLevels stockLevels;

    @BeforeAll
    static void startHub() {
        TestMasterDataHub.start();
    }

    @Test
    void theCrmsNewEmailIsTakenInTheUsAndHeldForTheStewardsInTheEuWhereOdooOwnsIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String usRef = "C-RMD-US-" + suffix;
        String euRef = "C-RMD-EU-" + suffix;
        int usPartner = customer(US_COMPANY, usRef, "ap@us-" + suffix + ".example.com");
        int euPartner = customer(EU_COMPANY, euRef, "ap@eu-" + suffix + ".example.com");
        awaitRun(startMasterDataRun("us"), "COMPLETED");
        awaitRun(startMasterDataRun("eu"), "COMPLETED");

        TestMasterDataHub.record("customers", usRef, "crm", Map.of("email", "orders@us-" + suffix + ".example.com"));
        TestMasterDataHub.record("customers", euRef, "crm", Map.of("email", "orders@eu-" + suffix + ".example.com"));

        // The US: the CRM owns e-mail (ordergate.sync.master-data.ownership), so its change is written into Odoo.
        JsonNode us = awaitRun(startMasterDataRun("us"), "COMPLETED");
        assertThat(us.path("region").asText()).isEqualTo("us");
        assertThat(us.path("updates")).anySatisfy(update -> {
            assertThat(update.path("key").asText()).isEqualTo(usRef);
            assertThat(update.path("field").asText()).isEqualTo("email");
            assertThat(update.path("applied").asBoolean()).isTrue();
        });
        assertThat(us.path("conflicts").findValuesAsText("key")).doesNotContain(usRef, euRef);
        assertThat(us.path("rejected")).as("the EU customer is not the US company's").anySatisfy(rejected -> {
            assertThat(rejected.path("key").asText()).isEqualTo(euRef);
            assertThat(rejected.path("reason").asText()).isEqualTo("no customer reference '" + euRef
                    + "' in Odoo (the company of region us)");
        });
        assertThat(email(US_COMPANY, usPartner)).isEqualTo("orders@us-" + suffix + ".example.com");
        assertThat(email(EU_COMPANY, euPartner)).isEqualTo("ap@eu-" + suffix + ".example.com");

        // The EU: Odoo owns e-mail (ordergate.regions.eu.master-data.owners), so the CRM's change is a conflict.
        String euRun = startMasterDataRun("eu");
        Task conflict = await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(euRun)
                .taskDefinitionKey("resolveMasterDataConflict").singleResult(), task -> task != null);
        assertThat(tasks.getVariables(conflict.getId())).containsEntry("conflictRecord", euRef)
                .containsEntry("conflictField", "email").containsEntry("ownerSystem", "odoo")
                .containsEntry("ownerValue", "ap@eu-" + suffix + ".example.com").containsEntry("otherSystem", "crm");
        assertThat(tasks.getIdentityLinksForTask(conflict.getId())).as("the EU's own stewards decide it")
                .extracting(link -> link.getGroupId()).containsExactly("eu-master-data-stewards");
        JsonNode inReview = api.get("/api/v1/sync/runs/" + euRun).body();
        assertThat(inReview.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(inReview.path("conflicts")).singleElement().satisfies(c -> {
            assertThat(c.path("key").asText()).isEqualTo(euRef);
            assertThat(c.path("region").asText()).isEqualTo("eu");
        });
        assertThat(inReview.path("rejected").findValuesAsText("key")).contains(usRef);
        assertThat(inReview.path("updates").findValuesAsText("key")).doesNotContain(usRef);
        assertThat(email(EU_COMPANY, euPartner)).as("nothing overwritten before the decision")
                .isEqualTo("ap@eu-" + suffix + ".example.com");

        tasks.complete(conflict.getId(), Map.of("conflictDecision", "keep-owner",
                "conflictComment", "The EU sales team keeps contacts in Odoo"));

        awaitRun(euRun, "COMPLETED");
        assertThat(email(EU_COMPANY, euPartner)).isEqualTo("ap@eu-" + suffix + ".example.com");
        assertThat(email(US_COMPANY, usPartner)).as("the EU run wrote nothing in the US company")
                .isEqualTo("orders@us-" + suffix + ".example.com");
        // Each company's customer is invisible to the other's calls (the sandbox's multi-company record rule).
        assertThat(countByRef(EU_COMPANY, usRef)).isZero();
        assertThat(countByRef(US_COMPANY, euRef)).isZero();
    }

    @Test
    void aRunForAnUnknownRegionIsAProblemNamingTheParameter() {
        ApiClient.Response unknown = api.post("/api/v1/sync/master-data?region=mars", "{\"entities\": [\"customers\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().path("errors").get(0).path("field").asText()).isEqualTo("region");

        ApiClient.Response inventory = api.post("/api/v1/sync/inventory?region=mars", "");
        assertThat(inventory.status()).isEqualTo(400);
        assertThat(inventory.contentType()).startsWith("application/problem+json");
        assertThat(inventory.body().path("errors").get(0).path("field").asText()).isEqualTo("region");
    }

    @Test
    void driftInTheEuWarehouseIsFoundByTheEuRunAndNotByTheUsRun() {
        String sku = "DRIFT-EU-" + UUID.randomUUID().toString().substring(0, 8);
        String usSku = "DRIFT-US-" + UUID.randomUUID().toString().substring(0, 8);
        wms.set(usSku, "WH", new BigDecimal("25"), BigDecimal.ZERO);
        awaitInventoryRun(startInventoryRun("us"));
        assertThat(levelOf(usSku, "WH")).as("the US run healed the read model").isEqualByComparingTo("25");
        wms.set(sku, "EU", new BigDecimal("40"), BigDecimal.ZERO);
        try {
            JsonNode eu = awaitInventoryRun(startInventoryRun("eu"));
            assertThat(levelOf(usSku, "WH")).as("the EU run's snapshot holds the EU's warehouses only: it zeroes no US level")
                    .isEqualByComparingTo("25");
            assertThat(eu.path("region").asText()).isEqualTo("eu");
            assertThat(eu.path("warehouses").get(0).asText()).isEqualTo("EU");
            assertThat(eu.path("findings")).filteredOn(f -> f.path("sku").asText().equals(sku)).singleElement()
                    .satisfies(f -> {
                        assertThat(f.path("warehouse").asText()).isEqualTo("EU");
                        assertThat(f.path("finding").asText()).isEqualTo("NEW");
                        assertThat(f.path("wmsQty").decimalValue()).isEqualByComparingTo("40");
                    });
            assertThat(eu.path("findings").findValuesAsText("warehouse")).containsOnly("EU");

            JsonNode us = awaitInventoryRun(startInventoryRun("us"));
            assertThat(us.path("region").asText()).isEqualTo("us");
            assertThat(us.path("findings").findValuesAsText("sku")).doesNotContain(sku);
            assertThat(us.path("findings").findValuesAsText("warehouse")).doesNotContain("EU");
            // The US run leaves the EU's drift alone: it neither saw nor resolved it.
            JsonNode drift = api.get("/api/v1/sync/inventory/drift").body().path("drift");
            assertThat(drift).filteredOn(d -> d.path("sku").asText().equals(sku)).singleElement()
                    .satisfies(d -> assertThat(d.path("region").asText()).isEqualTo("eu"));
        } finally {
            wms.remove(sku, "EU");
            wms.remove(usSku, "WH");
        }
        awaitInventoryRun(startInventoryRun("us"));
        JsonNode again = awaitInventoryRun(startInventoryRun("eu"));
        assertThat(again.path("findings")).filteredOn(f -> f.path("sku").asText().equals(sku)).singleElement()
                .satisfies(f -> assertThat(f.path("finding").asText()).isEqualTo("RESOLVED"));
    }

    @Test
    void aTimersTickStartsOneRunPerLiveRegionInItsCompanyAndNoneForTheShadowRegion() {
        for (String[] sync : List.of(new String[] {"price-list-sync", "price-lists"},
                new String[] {"master-data-sync", "master-data"}, new String[] {"inventory-sync", "inventory"})) {
            List<Object> earlier = scheduledRuns(sync[1]).stream().map(row -> row.get("id")).toList();
            String timer = management.createJobQuery().processDefinitionKey(sync[0]).timers().singleResult().getId();

            management.executeJob(timer);

            // Spring's row maps ignore the case of column names (H2 answers them in upper case, PostgreSQL in lower).
            List<Map<String, Object>> opened = scheduledRuns(sync[1]).stream()
                    .filter(row -> !earlier.contains(row.get("id"))).toList();
            assertThat(opened).as("%s: one run per live region (us, eu), none for ca in shadow", sync[0])
                    .extracting(row -> row.get("region")).containsExactlyInAnyOrder("eu", "us");
            for (Map<String, Object> run : opened) {
                assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(String.valueOf(run.get("process_instance_id"))).variableName("region")
                        .singleResult().getValue()).isEqualTo(run.get("region"));
            }
            // Let the runs finish so they do not stand in the way of the next test's runs.
            for (Map<String, Object> run : opened) {
                String id = String.valueOf(run.get("id"));
                await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT status FROM app.sync_runs WHERE id = :id")
                        .param("id", id).query(String.class).single(), status -> !status.equals("RUNNING"));
            }
        }
        assertThat(management.createJobQuery().processDefinitionKey("master-data-sync").timers().count())
                .as("the tick rescheduled its timer").isEqualTo(1);
    }

    private List<Map<String, Object>> scheduledRuns(String kind) {
        return jdbc.sql("SELECT id, region, process_instance_id FROM app.sync_runs WHERE kind = :kind AND triggered_by = 'schedule'")
                .param("kind", kind).query().listOfRows();
    }

    private String startMasterDataRun(String region) {
        ApiClient.Response response = api.post("/api/v1/sync/master-data?region=" + region, "{\"entities\": [\"customers\"]}");
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        assertThat(response.body().path("region").asText()).isEqualTo(region);
        return response.body().path("id").asText();
    }

    private JsonNode awaitRun(String runId, String status) {
        return await().atMost(PATIENCE).until(() -> api.get("/api/v1/sync/runs/" + runId).body(),
                run -> run.path("status").asText().equals(status));
    }

    private String startInventoryRun(String region) {
        ApiClient.Response response = api.post("/api/v1/sync/inventory?region=" + region, "");
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        return response.body().path("id").asText();
    }

    /** The read model's on-hand quantity of a product in a warehouse (zero where it holds none). */
    private BigDecimal levelOf(String sku, String warehouse) {
        return stockLevels.find(new dev.ordergate.inventory.StockCount.Key(sku, warehouse))
                .map(dev.ordergate.inventory.StockCount::onHand).orElse(BigDecimal.ZERO);
    }

    private JsonNode awaitInventoryRun(String runId) {
        return await().atMost(PATIENCE).until(() -> api.get("/api/v1/sync/inventory/runs/" + runId).body(),
                run -> run.path("status").asText().equals("COMPLETED"));
    }

    /** A customer of one company, as that company's users create it in Odoo. */
    private int customer(int company, String ref, String email) {
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("name", "Regional Sync " + ref);
        vals.put("ref", ref);
        vals.put("is_company", true);
        vals.put("customer_rank", 1);
        vals.put("email", email);
        vals.put("company_id", company);
        return odoo(company, "res.partner", "create", List.of(vals), Map.of()).asInt();
    }

    private String email(int company, int partner) {
        return odoo(company, "res.partner", "read", List.of(List.of(partner)), Map.of("fields", List.of("email")))
                .get(0).path("email").asText();
    }

    private int countByRef(int company, String ref) {
        return odoo(company, "res.partner", "search_count", List.of(List.of(List.of("ref", "=", ref))), Map.of()).asInt();
    }

    /** Odoo as a JSON-RPC client working in one company sees it. */
    private JsonNode odoo(int company, String model, String method, List<?> args, Map<String, ?> kwargs) {
        Map<String, Object> withContext = new LinkedHashMap<>(kwargs);
        withContext.put("context", Map.of("allowed_company_ids", List.of(company)));
        return api.odoo(model, method, args, withContext);
    }
}
