package dev.ordergate.ops;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.OrdergateApplication;
import dev.ordergate.TestPostgres;
import dev.ordergate.sandbox.SandboxOdoo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Camunda's own scale-out: two identical nodes on one PostgreSQL. Orders are submitted to both; the job executors
 * share the work, every order completes, and each Odoo sales order is created once. Node B calls the peers that
 * node A simulates, as two pods would call the same real Odoo.
 */
@org.junit.jupiter.api.Tag("own-context")
class TwoNodeClusterTest {

    private static final int ORDERS = 24;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static int portA;
    private static int portB;

    @BeforeAll
    static void startTwoNodes() throws IOException {
        portA = freePort();
        portB = freePort();
        String peers = "http://localhost:" + portA + "/sandbox";
        nodeA = node("a", portA, Map.of());
        nodeB = node("b", portB, Map.of(
                "ordergate.odoo.url", peers + "/odoo",
                "ordergate.credit.url", peers + "/credit",
                "ordergate.tax.url", peers + "/tax",
                "ordergate.wms.url", peers + "/wms"));
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void twoNodesShareTheWorkAndEveryOrderCompletesOnce() {
        ApiClient a = new ApiClient(String.valueOf(portA));
        ApiClient b = new ApiClient(String.valueOf(portB));
        List<String> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String ref = uniqueRef();
            var created = (i % 2 == 0 ? a : b).post("/api/v1/orders", sample(ref));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            ids.add(created.body().path("id").asText());
            keys.add("b2b-portal:" + ref);
        }

        await().atMost(Duration.ofMinutes(3)).until(() -> ids.stream()
                .allMatch(id -> "COMPLETED".equals(b.get("/api/v1/orders/" + id).body().path("status").asText())));

        SandboxOdoo odoo = nodeA.getBean(SandboxOdoo.class);
        keys.forEach(key -> assertThat(odoo.salesOrdersByClientRef(key)).as(key).hasSize(1));
        Map<String, Long> jobsByNode = new HashMap<>();
        nodeA.getBean(JdbcClient.class).sql("""
                        SELECT l.HOSTNAME_ AS node, COUNT(*) AS n FROM ACT_HI_JOB_LOG l
                          JOIN ACT_HI_PROCINST p ON p.PROC_INST_ID_ = l.PROCESS_INSTANCE_ID_
                         WHERE l.JOB_STATE_ = 2 AND p.BUSINESS_KEY_ IN (:keys)
                         GROUP BY l.HOSTNAME_
                        """)
                .param("keys", keys)
                .query(rs -> {
                    jobsByNode.put(rs.getString("node"), rs.getLong("n"));
                });
        assertThat(jobsByNode).as("successful jobs per node").containsKeys("node-a", "node-b");
        assertThat(jobsByNode.values()).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void aSecondNodeStartingOnTheSameDatabaseDeploysNothingAgain() {
        // Both nodes deployed the shipped models at start-up; the second found every file unchanged.
        var versions = nodeB.getBean(org.camunda.bpm.engine.RepositoryService.class).createDeploymentQuery();
        assertThat(versions.deploymentName("order-fulfillment").count()).isEqualTo(1);
        assertThat(nodeB.getBean(org.camunda.bpm.engine.RepositoryService.class).createDeploymentQuery()
                .deploymentName("credit-policy").count()).isEqualTo(1);
    }

    private static ConfigurableApplicationContext node(String name, int port, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "server.port", port,
                "spring.datasource.url", TestPostgres.jdbcUrl(),
                "spring.datasource.username", TestPostgres.username(),
                "spring.datasource.password", "",
                "camunda.bpm.process-engine-name", "cluster-" + name,
                // The job log names the node that ran each job; its success entries are what shows it, and the lean
                // history the nodes ship with leaves them out (ops.LeanHistory), so these nodes keep Camunda's full.
                "camunda.bpm.generic-properties.properties.hostname", "node-" + name,
                "ordergate.ops.lean-history", "false",
                "ordergate.sandbox.wms.callback-url", "http://localhost:" + port));
        properties.putAll(extra);
        // As command-line arguments, so they win over the profiles' files (builder properties would not).
        return new SpringApplicationBuilder(OrdergateApplication.class).profiles("test", "postgres")
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    private static int freePort() {
        return dev.ordergate.FreePort.find();
    }
}
