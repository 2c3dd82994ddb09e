package dev.ordergate.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxOdoo;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The preflight against the sandbox Odoo over real HTTP: ready as seeded, and with things taken away (the sales
 * journals, a customer's ref, a product) it names each missing thing and how to fix it.
 */
@IntegrationTest
class OdooPreflightTest {

    private final ApiClient api = new ApiClient();
    @Autowired
    SandboxOdoo sandbox;

    @AfterEach
    void restoreTheSandbox() {
        sandbox.reset();
    }

    @Test
    void theSeededSandboxIsReadyForTheReadmeOrder() {
        ApiClient.Response response = api.get("/api/v1/ops/preflight?customers=C-10042&products=FURN_0269,E-COM07");

        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> checks = checks(response.body());
        assertThat(response.body().get("ready").asBoolean()).as(response.raw()).isTrue();
        assertThat(checks.keySet()).contains("version", "credentials", "rights", "pricelists", "company", "warehouse",
                "sales journal", "customer C-10042", "product FURN_0269", "product E-COM07");
        assertThat(checks.get("version").get("detail").asText()).contains("Odoo 18.0").contains("json-rpc");
        assertThat(checks.get("customer C-10042").get("detail").asText()).contains("Distributor Tier A");
        assertThat(checks.values()).allSatisfy(check -> assertThat(check.get("outcome").asText()).isEqualTo("OK"));
    }

    @Test
    void anOdooMissingWhatOrdersNeedIsNamedThingByThingWithTheFix() {
        rpc("account.journal", "unlink", "[[1, 3]]");
        rpc("res.partner", "write", "[[14], {\"ref\": false}]");
        rpc("product.product", "unlink", "[[25]]");

        ApiClient.Response response = api.get("/api/v1/ops/preflight?customers=C-10042,C-20077&products=FURN_0269,FURN_8900");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("ready").asBoolean()).isFalse();
        Map<String, JsonNode> checks = checks(response.body());
        assertThat(outcome(checks, "sales journal")).isEqualTo("MISSING");
        assertThat(checks.get("sales journal").get("fix").asText()).contains("chart of accounts");
        assertThat(outcome(checks, "customer C-10042")).isEqualTo("MISSING");
        assertThat(checks.get("customer C-10042").get("fix").asText()).contains("Reference to C-10042");
        assertThat(outcome(checks, "product FURN_0269")).isEqualTo("MISSING");
        assertThat(checks.get("product FURN_0269").get("fix").asText()).contains("Internal Reference to FURN_0269");
        assertThat(outcome(checks, "customer C-20077")).isEqualTo("OK");
        assertThat(outcome(checks, "product FURN_8900")).isEqualTo("OK");
        assertThat(outcome(checks, "warehouse")).isEqualTo("OK");
    }

    /** Seen on real Odoo 19: a customer entered in Contacts has customer_rank 0 until its first sale. */
    @Test
    void customersWithAReferenceCountEvenBeforeTheirFirstSale() {
        JsonNode customers = rpc("res.partner", "search", "[[[\"customer_rank\", \">\", 0]]]").get("result");
        assertThat(customers).isNotEmpty();
        rpc("res.partner", "write", "[" + customers + ", {\"customer_rank\": 0}]");

        Map<String, JsonNode> checks = checks(api.get("/api/v1/ops/preflight").body());

        assertThat(outcome(checks, "customers")).isNotEqualTo("MISSING");
        assertThat(checks.get("customers").get("detail").asText()).doesNotContain("no customers");
    }

    /**
     * Seen on real Odoo 19: a product made in a fresh database is invoiced on ordered quantities (the demo products
     * say delivered), and one without Track Inventory shows no free quantity at all.
     */
    @Test
    void productsOdooDoesNotTrackOrInvoicesAsOrderedAreNamedWithTheFix() {
        rpc("product.product", "write", "[[25], {\"is_storable\": false}]");
        rpc("product.product", "write", "[[17], {\"invoice_policy\": \"order\"}]");

        ApiClient.Response response = api.get("/api/v1/ops/preflight?customers=C-10042&products=FURN_0269,E-COM07");

        Map<String, JsonNode> checks = checks(response.body());
        assertThat(response.body().get("ready").asBoolean()).isFalse();
        assertThat(outcome(checks, "product FURN_0269")).isEqualTo("MISSING");
        assertThat(checks.get("product FURN_0269").get("fix").asText()).contains("Track Inventory");
        assertThat(outcome(checks, "product E-COM07")).isEqualTo("WARNING");
        assertThat(checks.get("product E-COM07").get("fix").asText()).contains("Invoice what is delivered");
    }

    @Test
    void tooManyNamesAreRefusedAsAProblemNamingTheParameter() {
        String refs = String.join(",", java.util.stream.IntStream.range(0, 501).mapToObj(i -> "C-" + i).toList());

        ApiClient.Response response = api.get("/api/v1/ops/preflight?customers=" + refs);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().at("/errors/0/field").asText()).isEqualTo("customers");
    }

    private JsonNode rpc(String model, String method, String args) {
        ApiClient.Response answer = api.post("/sandbox/odoo/jsonrpc", """
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"service": "object", "method": "execute_kw",
                 "args": ["sandbox", 2, "sandbox-admin-key", "%s", "%s", %s]}}""".formatted(model, method, args));
        assertThat(answer.body().has("error")).as(answer.raw()).isFalse();
        return answer.body();
    }

    private static Map<String, JsonNode> checks(JsonNode report) {
        Map<String, JsonNode> byName = new HashMap<>();
        report.get("checks").forEach(check -> byName.put(check.get("name").asText(), check));
        return byName;
    }

    private static String outcome(Map<String, JsonNode> checks, String name) {
        assertThat(checks).containsKey(name);
        return checks.get(name).get("outcome").asText();
    }
}
