package dev.ordergate.fulfillment;

import dev.ordergate.OrderTasks;
import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxMail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Substitutions, through the real API, engine and sandbox peers: Drawer Black (FURN_8900) has 2 in stock, its
 * substitute Drawer (FURN_8855) 80. Acme (Distributor Tier A) gets substitutes automatically, Deco Addict only after
 * customer service approves (bpmn/substitution-policy.dmn), and an order that does not allow substitutes gets none.
 */
@IntegrationTest
class SubstitutionProcessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ApiClient api = new ApiClient();

    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SandboxMail.Mailbox mailbox;

    @Test
    void aContractCustomerGetsTheSubstituteAutomaticallyAndTheOriginalIsKept() {
        String ref = uniqueRef();
        String id = submit(order(ref, "C-10042", "US", "93701", line("1", "FURN_8900", "5", "22.50")));

        JsonNode completed = awaitStatus(id, "COMPLETED");

        JsonNode line = completed.path("order").path("lines").get(0);
        assertThat(line.path("sku").asText()).isEqualTo("FURN_8855");
        assertThat(line.path("substitutedFor").asText()).isEqualTo("FURN_8900");
        assertThat(line.path("unitPrice").decimalValue()).as("the agreed price is honoured").isEqualByComparingTo("22.50");
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId(id)).count())
                .as("nobody was asked").isZero();
        JsonNode odooLine = odooLines("b2b-portal:" + ref).get(0);
        assertThat(odooLine.path("product_id").get(0).asInt()).as("FURN_8855's product id").isEqualTo(33);
        assertThat(odooLine.path("name").asText()).isEqualTo("[FURN_8855] Drawer\nSubstitute for FURN_8900");
        assertThat(odooLine.path("price_unit").decimalValue()).isEqualByComparingTo("22.50");
        assertThat(substitutions(id)).containsExactly("1 FURN_8900 FURN_8855 automatic applied");
        assertThat(statusEvents(id)).containsSubsequence("accepted", "substituted", "validated", "confirmed");
    }

    @Test
    void anApprovedSubstituteIsShipped() {
        String ref = uniqueRef();
        String id = submit(decoAddictOrder(ref));
        Task task = awaitTask(id, "approveSubstitution");

        assertThat(tasks.getVariable(task.getId(), "exceptionGate")).isEqualTo("substitution");
        // The substitute's stock is shared with this class's other orders (one may have shipped moments ago).
        assertThat((String) tasks.getVariable(task.getId(), "exceptionReason")).containsPattern(java.util.regex.Pattern.quote(
                "Line 1: 5 Units FURN_8900 Drawer Black (2 available) -> FURN_8855 Drawer (") + "\\d+"
                + java.util.regex.Pattern.quote(" available); charged at the agreed 22.50 USD per unit (FURN_8855's own price: 99.45 USD)"));
        assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("customer-service"));
        assertThat(status(id)).isEqualTo("IN_REVIEW");
        tasks.complete(task.getId(), Map.of("decision", "approve"));

        JsonNode completed = awaitStatus(id, "COMPLETED");
        assertThat(completed.path("order").path("lines").get(0).path("sku").asText()).isEqualTo("FURN_8855");
        assertThat(completed.path("order").path("lines").get(0).path("substitutedFor").asText()).isEqualTo("FURN_8900");
        assertThat(completed.path("reviews").get(0).path("gate").asText()).isEqualTo("substitution");
        assertThat(completed.path("reviews").get(0).path("decision").asText()).isEqualTo("approve");
        assertThat(odooLines("b2b-portal:" + ref).get(0).path("product_id").get(0).asInt()).isEqualTo(33);
        assertThat(substitutions(id)).containsExactly("1 FURN_8900 FURN_8855 approval applied");
        assertThat(statusEvents(id)).containsSubsequence("in_review", "substituted", "validated", "confirmed");
    }

    @Test
    void aRefusedSubstituteLeadsToTheShortfallReviewAndIsNotProposedAgain() {
        String id = submit(decoAddictOrder(uniqueRef()));
        Task task = awaitTask(id, "approveSubstitution");

        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "refuse")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("needs a comment");
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "reject", "decisionComment", "x")))
                .as("a substitution is approved or refused; rejecting the order is the shortfall review's")
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("decision must be one of [approve, refuse]");
        tasks.complete(task.getId(), Map.of("decision", "refuse", "decisionComment", "Customer wants black ones"));

        Task shortfall = awaitTask(id, "reviewShortfall");
        assertThat(tasks.getVariable(shortfall.getId(), "exceptionGate")).isEqualTo("availability");
        assertThat((String) tasks.getVariable(shortfall.getId(), "exceptionReason"))
                .contains("FURN_8900: ordered 5, available 2 (partly available)");
        JsonNode order = api.get("/api/v1/orders/" + id).body();
        assertThat(order.path("order").path("lines").get(0).path("sku").asText()).isEqualTo("FURN_8900");
        assertThat(order.path("order").path("lines").get(0).has("substitutedFor")).isFalse();
        assertThat(substitutions(id)).containsExactly("1 FURN_8900 FURN_8855 approval refused");

        tasks.complete(shortfall.getId(), Map.of("decision", "wait-for-stock"));
        fireTimer(processInstanceId(id), "waitForStock");
        Task again = awaitTask(id, "reviewShortfall");
        assertThat(again.getId()).as("checked again, still short, the refused substitute not offered again")
                .isNotEqualTo(shortfall.getId());
    }

    @Test
    void aRefusedSubstituteGoesToTheShortfallReviewEvenWhenTheCustomerTakesPartialShipments() {
        String id = submit(decoAddictOrder(uniqueRef()).replace("\"allowPartialShipment\": false",
                "\"allowPartialShipment\": true"));
        Task task = awaitTask(id, "approveSubstitution");

        tasks.complete(task.getId(), Map.of("decision", "refuse", "decisionComment", "Customer wants black ones"));

        Task shortfall = awaitTask(id, "reviewShortfall");
        assertThat(tasks.getVariable(shortfall.getId(), "exceptionGate")).isEqualTo("availability");
        assertThat(api.get("/api/v1/orders/" + id).body().path("salesOrderRef").isMissingNode()
                || api.get("/api/v1/orders/" + id).body().path("salesOrderRef").isNull())
                .as("not committed and split before a person decided").isTrue();
    }

    @Test
    void anOverdueApprovalRemindsCustomerServiceAndEscalatesToTheSupervisors() {
        String ref = uniqueRef();
        String id = submit(decoAddictOrder(ref));
        Task task = awaitTask(id, "approveSubstitution");

        fireTimer(task.getProcessInstanceId(), "reminderDue");
        awaitMail("customer-service@localhost", "Reminder: order b2b-portal:" + ref + " still waits for a substitution review");
        fireTimer(task.getProcessInstanceId(), "reviewOverdue");

        assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId())
                .contains("customer-service", "order-supervisors");
        awaitMail("order-supervisors@localhost", "Escalated: substitution review of order b2b-portal:" + ref + " is overdue");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the approval itself stays open").isEqualTo(1);
    }

    @Test
    void anOrderThatDoesNotAllowSubstitutesGoesToTheShortfallReview() {
        String id = submit(order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_8900", "5", "22.50"))
                .replace("\"allowSubstitutes\": true", "\"allowSubstitutes\": false"));

        Task task = awaitTask(id, "reviewShortfall");

        assertThat((String) tasks.getVariable(task.getId(), "exceptionReason")).contains("FURN_8900: ordered 5, available 2");
        assertThat(OrderTasks.reached(history, processInstanceId(id), "approveSubstitution")).isZero();
        assertThat(substitutions(id)).isEmpty();
    }

    @Test
    void aChannelCannotSayALineIsASubstitute() {
        String body = order(uniqueRef(), "C-10042", "US", "93701",
                line("1", "FURN_8855", "5", "22.50").replace("}", ", \"substitutedFor\": \"FURN_8900\" }"));

        var response = api.post("/api/v1/orders", body);

        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("lines[0].substitutedFor");
    }

    /** Deco Addict buys on Distributor Tier A (FURN_8900 at 25.00 less 10%) and has room for a small order. */
    private static String decoAddictOrder(String ref) {
        return order(ref, "C-20077", "US", "93701", line("1", "FURN_8900", "5", "22.50"));
    }

    /** The sales order lines as Odoo answers them over JSON-RPC. */
    private JsonNode odooLines(String clientOrderRef) {
        var response = api.post("/sandbox/odoo/jsonrpc", """
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"service": "object", "method": "execute_kw",
                 "args": ["sandbox", 2, "sandbox-admin-key", "sale.order.line", "search_read",
                          [[["order_id.client_order_ref", "=", "%s"]]],
                          {"fields": ["product_id", "name", "price_unit", "product_uom_qty"]}]}}
                """.formatted(clientOrderRef));
        JsonNode lines = response.body().path("result");
        assertThat(lines.size()).as(response.raw()).isEqualTo(1);
        return lines;
    }

    private List<String> substitutions(String orderId) {
        return jdbc.sql("""
                        SELECT line_ref, original_sku, substitute_sku, policy, state FROM app.order_substitutions
                         WHERE order_id = :id ORDER BY line_ref
                        """)
                .param("id", orderId)
                .query((rs, n) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    private List<String> statusEvents(String orderId) {
        return jdbc.sql("SELECT status FROM app.status_events WHERE order_id = :id ORDER BY seq")
                .param("id", orderId).query(String.class).list();
    }

    private String submit(String body) {
        var response = api.post("/api/v1/orders", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body(),
                body -> status.equals(body.path("status").asText()));
    }

    private String status(String id) {
        return api.get("/api/v1/orders/" + id).body().path("status").asText();
    }

    private String processInstanceId(String id) {
        return api.get("/api/v1/orders/" + id).body().path("processInstanceId").asText();
    }

    private Task awaitTask(String id, String taskKey) {
        String pi = processInstanceId(id);
        return await().atMost(PATIENCE).until(() -> OrderTasks.of(tasks, runtime, pi).singleResult(),
                t -> t != null && taskKey.equals(OrderTasks.kindOf(tasks, t)));
    }

    private void awaitMail(String to, String subject) {
        await().atMost(PATIENCE).until(() -> mailbox.received().stream()
                .anyMatch(m -> m.to().contains(to) && m.subject().equals(subject)));
    }

    private void fireTimer(String processInstanceId, String activityId) {
        var job = OrderTasks.job(management, runtime, processInstanceId, activityId);
        assertThat(job).as("timer at " + activityId).isNotNull();
        management.executeJob(job.getId());
    }
}
