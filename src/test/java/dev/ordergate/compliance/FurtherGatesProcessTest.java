package dev.ordergate.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ordergate.TestOrders.line;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.OrderTasks;
import dev.ordergate.SampleOrders;
import dev.ordergate.TestOrders;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import dev.ordergate.review.ReviewDecisions;
import dev.ordergate.sandbox.SandboxFaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The gate added as a decision row and a policy bean: the diagram further-gates, as the order process calls it after
 * the drawn gates, passes each gate order-gates.dmn lists (restricted products) and puts an exception in front of
 * the reviewers reviewer-routing.dmn names, through the one gate review. Real engine, real sandbox Odoo (the order's
 * customer and products are resolved from it), the review API over HTTP.
 */
@IntegrationTest
class FurtherGatesProcessTest {

    private final ApiClient api = new ApiClient();

    @Autowired
    Orders orders;
    @Autowired
    ReviewDecisions decisions;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    SandboxFaults faults;

    @AfterEach
    void noFaultsLeft() {
        faults.reset();
    }

    @Test
    void anInstallationShippedToCanadaGoesToCustomerServiceWhoAcceptsItAndTheOrderPasses() throws Exception {
        String orderId = TestOrders.stored(orders, "CA", line("1", "FURN_0269", "2", "299.00"), line("2", "SVC-INSTALL", "1", "90.00"));
        String instance = passFurtherGates(orderId);

        Task review = awaitReview(instance);
        assertThat(review.getName()).startsWith("Review restricted products · ");
        assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(link -> link.getGroupId())
                .containsExactly("customer-service");
        assertThat(tasks.getVariable(review.getId(), "exceptionReason"))
                .isEqualTo("Line 2 SVC-INSTALL to CA: installation is sold in the US only");

        var noComment = decide(review, "{\"decision\": \"accept\"}");
        assertThat(noComment.status()).as(noComment.raw()).isEqualTo(400);
        assertThat(noComment.body().path("errors").findValuesAsText("field")).contains("decisionComment");
        var unknown = decide(review, "{\"decision\": \"take-odoo\"}");
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
        assertThat(unknown.raw()).contains("accept", "recheck", "reject");

        var accepted = decide(review, "{\"decision\": \"accept\", \"decisionComment\": \"Installer contracted locally\"}");
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        awaitEnded(instance);
        assertThat(passedThrough(instance)).contains("gatePassed", "furtherGatesPassed").doesNotContain("furtherGateRejected");
        assertThat(decisions.forOrder(orderId)).singleElement().satisfies(d -> {
            assertThat(d.gate()).isEqualTo(RestrictedProducts.ID);
            assertThat(d.decision()).isEqualTo("accept");
            assertThat(d.decidedBy()).isEqualTo("service");
        });
        assertThat(decisions.accepted(orderId, RestrictedProducts.ID)).as("passes from now on").isTrue();
    }

    @Test
    void aRejectedExceptionRejectsTheOrder() throws Exception {
        String orderId = TestOrders.stored(orders, "IR", line("1", "FURN_0269", "1", "299.00"));
        String instance = passFurtherGates(orderId);

        Task review = awaitReview(instance);
        assertThat(tasks.getVariable(review.getId(), "exceptionReason"))
                .isEqualTo("Line 1 FURN_0269 to IR: the destination is under trade restrictions");
        var rejected = decide(review, "{\"decision\": \"reject\", \"decisionComment\": \"Embargoed destination\"}");
        assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);

        awaitEnded(instance);
        assertThat(passedThrough(instance)).contains("furtherGateRejected", "orderEnded").doesNotContain("furtherGatesPassed");
        assertThat(orders.get(orderId).status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void aRecheckChecksTheGateAgain() throws Exception {
        String orderId = TestOrders.stored(orders, "CA", line("1", "SVC-INSTALL", "1", "90.00"));
        String instance = passFurtherGates(orderId);

        Task first = awaitReview(instance);
        assertThat(decide(first, "{\"decision\": \"recheck\"}").status()).isEqualTo(200);
        Task second = await().atMost(Duration.ofSeconds(60)).until(() -> openReview(instance),
                t -> t != null && !t.getId().equals(first.getId()));
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("checkFurtherGate").count()).isEqualTo(2);
        assertThat(second.getName()).startsWith("Review restricted products");
        runtime.deleteProcessInstance(instance, "test done");
    }

    @Test
    void anOrderNothingRestrictsPassesWithoutAReview() {
        String orderId = TestOrders.stored(orders, "US", line("1", "FURN_0269", "2", "299.00"), line("2", "SVC-INSTALL", "1", "90.00"));
        String instance = passFurtherGates(orderId);

        awaitEnded(instance);
        assertThat(passedThrough(instance)).contains("checkFurtherGate", "gatePassed", "furtherGatesPassed")
                .doesNotContain("reviewGateException");
        assertThat(decisions.forOrder(orderId)).isEmpty();
    }

    @Test
    void aRefusalWhileTheGateReadsItsFactsGoesToAReviewerAndTheGateIsCheckedAgain() {
        String orderId = TestOrders.stored(orders, "US", line("1", "FURN_0269", "1", "299.00"));
        String businessKey = orders.get(orderId).businessKey();
        faults.failNext("product.product", "*", 1, SandboxFaults.Fault.USER_ERROR);
        String instance = passFurtherGates(orderId);

        Task review = await().atMost(Duration.ofSeconds(60)).until(() -> OrderTasks.review(tasks.createTaskQuery(), "resolveRefusal").processInstanceBusinessKey(businessKey).singleResult(), t -> t != null);
        assertThat(tasks.getVariable(review.getId(), "refusalStep")).isEqualTo("checkFurtherGate");
        assertThat(tasks.getVariable(review.getId(), "refusalMessage")).isEqualTo(SandboxFaults.REFUSAL);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).as("no incident").isZero();
        tasks.complete(review.getId(), Map.of("decision", "retry", "decisionComment", "Product un-archived",
                "refusalGroup", tasks.getVariable(review.getId(), "refusalGroup")));

        awaitEnded(instance);
        assertThat(passedThrough(instance)).contains("resolveFurtherGateRefusal", "furtherGatesPassed");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("checkFurtherGate").count()).isEqualTo(2);
    }

    /**
     * The whole order, through the API: the drawn gates pass, the further gates stop it, the reviewer rejects it, and
     * the rejection goes up from further-gates through order-validation to the order process's one 'Order rejected'.
     */
    @Test
    void anInstallationOrderedForCanadaIsStoppedAfterTheDrawnGatesAndTheReviewerRejectsIt() {
        String ref = SampleOrders.uniqueRef();
        var created = api.post("/api/v1/orders", SampleOrders.order(ref, "C-10042", "CA", "M5V 2T6",
                SampleOrders.line("1", "FURN_0269", "1", "299.00") + "," + SampleOrders.line("2", "SVC-INSTALL", "1", "81.00")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String orderId = created.body().path("id").asText();
        // The answer comes before the process starts: its id is on the order from then on.
        String instance = api.processInstanceId(orderId);

        Task review = await().atMost(Duration.ofSeconds(90)).until(() -> OrderTasks.of(tasks, runtime, instance)
                .singleResult(), t -> t != null);
        assertThat(OrderTasks.kindOf(tasks, review)).as("the first review the order meets").isEqualTo("reviewGateException");
        assertThat(review.getName()).startsWith("Review restricted products · b2b-portal:" + ref);
        assertThat(tasks.getVariable(review.getId(), "exceptionReason"))
                .isEqualTo("Line 2 SVC-INSTALL to CA: installation is sold in the US only");
        tasks.complete(review.getId(), Map.of("decision", "reject", "decisionComment", "No installer in Canada"));

        api.awaitOrderStatus(orderId, "REJECTED");
        await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(instance).finished().count() == 1);
        assertThat(passedThrough(instance)).contains("validateOrder", "validationRejected", "orderRejected")
                .doesNotContain("commitSalesOrder", "validatedInShadow");
    }


    /** As the order process calls it: the order's id, region and business key. */
    private String passFurtherGates(String orderId) {
        return runtime.startProcessInstanceByKey("further-gates", orders.get(orderId).order().businessKey(),
                Map.of("orderId", orderId, "region", "us")).getId();
    }


    private Task openReview(String instance) {
        return OrderTasks.of(tasks, runtime, instance).singleResult();
    }

    private Task awaitReview(String instance) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> openReview(instance), t -> t != null);
    }

    private void awaitEnded(String instance) {
        await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(instance).finished().count() == 1);
    }

    private List<String> passedThrough(String instance) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
                .map(a -> a.getActivityId()).toList();
    }

    private ApiClient.Response decide(Task review, String body) {
        return ApiClient.at(ApiClient.baseUrl()).as("service", "service")
                .post("/api/v1/reviews/" + review.getId() + "/decision", body);
    }
}
