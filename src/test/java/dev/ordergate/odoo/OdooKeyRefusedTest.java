package dev.ordergate.odoo;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.OrderTasks;
import dev.ordergate.odoo.client.OdooAuthentication;
import dev.ordergate.sandbox.SandboxOdoo;
import java.time.Duration;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * While the sandbox Odoo refuses the node's key, an order's job waits for it like an outage: it fails again and again
 * (more often than its retry cycle allows) without spending a retry and without an incident, the refusal is one
 * problem in view; once Odoo accepts the key again the order completes with nobody touching a job.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OdooKeyRefusedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxOdoo odoo;
    @Autowired
    OdooAuthentication authentication;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    /** The node's filter that keeps a refused key's engine lines out of the log (ops.AwaitedFailureLogs). */
    @Autowired
    ch.qos.logback.classic.turbo.TurboFilter awaitedFailureLogs;

    /**
     * A node configures logging once. In a test run another application context (another test class's) configures it
     * again in the same JVM, which drops turbo filters; put this node's back as its own start-up did.
     */
    @org.junit.jupiter.api.BeforeEach
    void logAsTheNodeDoes() {
        var logging = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        if (!logging.getTurboFilterList().contains(awaitedFailureLogs)) {
            logging.addTurboFilter(awaitedFailureLogs);
        }
    }

    @AfterEach
    void acceptTheKeyAgain() {
        odoo.revokeKey(false);
    }

    @Test
    void ordersWaitForARefusedKeyWithoutSpendingTheirRetriesAndGoOnWhenOdooAcceptsItAgain(CapturedOutput output) {
        int linesBefore = output.getAll().length();
        odoo.revokeKey(true);
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));
        String instance = await().atMost(PATIENCE).until(() -> api.processInstanceId(id), i -> !i.isEmpty());

        // The test profile's retry cycle (R2/PT1S: the engine sets 2 retries at the first failure) would be spent after
        // three failures; four and more are waits that kept the retries.
        await().atMost(PATIENCE).until(() -> failures(instance), n -> n >= 4);
        assertThat(OrderTasks.failingJobs(management, runtime, instance)).isNotEmpty()
                .allSatisfy(waiting -> {
                    assertThat(waiting.getExceptionMessage()).containsIgnoringCase("odoo");
                    assertThat(waiting.getRetries()).as("no retry spent on a refused key").isEqualTo(2);
                });
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(authentication.refusal()).as("one operator-facing problem").isNotNull();

        odoo.revokeKey(false);

        api.awaitOrderStatus(id, "COMPLETED");
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(authentication.refusal()).isNull();
        String logged = output.getAll().substring(linesBefore);
        assertThat(logged.split("Odoo refuses Ordergate's credentials", -1)).as("one ERROR line").hasSize(2);
        assertThat(logged.lines().filter(line -> line.contains("ENGINE-16004") || line.contains("ENGINE-14006")))
                .as("the engine's line per failed attempt is left out for a refused key")
                .noneMatch(line -> line.contains("refused login") || line.contains("Access Denied"));
    }

    private long failures(String instance) {
        return OrderTasks.failureLog(history, instance).size();
    }
}
