package dev.ordergate.analysis;

import static dev.ordergate.SampleOrders.line;
import static dev.ordergate.SampleOrders.order;
import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.OrderTasks;
import dev.ordergate.TestOrders;
import dev.ordergate.order.Order;
import dev.ordergate.order.Orders;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.TestMasterDataHub;
import dev.ordergate.sandbox.SimulatedPricingEngine;
import dev.ordergate.sandbox.SimulatedPricingEngine.Agreement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every user task's form exists in forms/, every read-only field shows a variable the process has set when the task
 * opens (seen by driving the process to each task, not from a list kept by hand), and every input field is read by
 * the process (named in one of its expressions, or read by name in src/main/java).
 */
@IntegrationTest
class FormBindingsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ApiClient api = new ApiClient();

    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    SimulatedPricingEngine pricingEngine;
    @Autowired
    SandboxFaults faults;
    @Autowired
    Orders orderStore;

    @AfterEach
    void resetFeed() {
        pricingEngine.reset();
        faults.reset();
    }

    @Test
    void everyUserTaskFormIsAFormInTheFormsFolder() {
        Map<String, Forms.Form> forms = Forms.byId();

        List<String> problems = Forms.uses().stream()
                .filter(use -> Forms.formId(use.reference(), forms).isEmpty())
                .map(use -> "%s: user task '%s' (%s) refers to form '%s', which no file in forms/ has as its id (forms: %s)"
                        .formatted(use.model(), use.taskName(), use.taskId(), use.reference(), forms.keySet()))
                .toList();

        assertThat(problems).isEmpty();
    }

    @Test
    void everyInputFieldIsReadByTheProcessThatShowsTheForm() {
        Map<String, Forms.Form> forms = Forms.byId();
        String mainCode = mainCode();
        List<String> problems = new ArrayList<>();
        for (Forms.FormUse use : Forms.uses()) {
            Forms.Form form = forms.get(Forms.formId(use.reference(), forms).orElse(""));
            if (form == null) {
                continue;
            }
            String model = AnalystFiles.read(use.model());
            for (Forms.Field field : form.fields()) {
                boolean inExpression = Pattern.compile("[$#]\\{[^}]*\\b" + Pattern.quote(field.key()) + "\\b").matcher(model).find();
                boolean inCode = mainCode.contains("\"" + field.key() + "\"");
                if (!field.readOnly() && !inExpression && !inCode) {
                    problems.add("%s: field '%s' is an input of user task '%s' (%s) but nothing reads it: use it in a condition"
                            .formatted(form.file(), field.key(), use.taskName(), use.taskId())
                            + " or listener of the process, make it read-only, or remove it");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyReadOnlyFieldShowsAVariableTheProcessSetBeforeTheTaskOpened() {
        Map<String, Task> reached = reachEveryReviewTask();
        Map<String, Forms.Form> forms = Forms.byId();
        List<String> problems = new ArrayList<>();
        for (Forms.FormUse use : Forms.uses()) {
            Forms.Form form = forms.get(Forms.formId(use.reference(), forms).orElse(""));
            Task task = reached.get(use.processId() + "/" + use.taskId());
            if (form == null) {
                continue;
            }
            if (task == null) {
                problems.add("user task '%s' (%s) of %s is not reached by any scenario in FormBindingsTest: add one, so its"
                        .formatted(use.taskName(), use.taskId(), use.processId()) + " form's fields are checked against what the process sets");
                continue;
            }
            Set<String> variables = tasks.getVariables(task.getId()).keySet();
            form.fields().stream().filter(Forms.Field::readOnly).filter(f -> !variables.contains(f.key()))
                    .forEach(f -> problems.add("%s: read-only field '%s' of user task '%s' (%s) shows nothing: no variable '%s' is set when the task opens (set: %s)"
                            .formatted(form.file(), f.key(), use.taskName(), use.taskId(), f.key(), variables)));
        }
        assertThat(problems).isEmpty();
    }

    /** Drives each process to each of its user tasks, keyed "process/task". */
    private Map<String, Task> reachEveryReviewTask() {
        List<String> orders = Stream.of(
                order(uniqueRef(), "C-99999", "US", "93701", line("1", "FURN_0269", "1", "299.00")),
                order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_0269", "2", "250.00")),
                order(uniqueRef(), "C-20077", "US", "93701", line("1", "E-COM07", "5", "280.00")),
                order(uniqueRef(), "C-10042", "ZZ", "0000", line("1", "FURN_0269", "1", "299.00")),
                order(uniqueRef(), "C-10042", "US", "93701", line("1", "FURN_8888", "5", "36.00")),
                // Short, with a substitute in stock, and Deco Addict's substitutions need approval.
                order(uniqueRef(), "C-20077", "US", "93701", line("1", "FURN_8900", "5", "22.50")))
                .map(this::submit).toList();
        pricingEngine.publish(List.of(new Agreement("Form check " + uniqueRef(), "USD", null, "NO-SUCH-SKU",
                BigDecimal.ONE, new BigDecimal("10.00"), null, null)));
        String run = api.post("/api/v1/sync/price-lists", "").body().path("id").asText();
        // The CRM sets a credit limit, which finance owns: a conflict for the master-data stewards.
        TestMasterDataHub.start();
        TestMasterDataHub.record("customers", "C-30099", "crm", Map.of("creditLimit", 20000 + Math.abs(uniqueRef().hashCode() % 9999)));
        String masterDataRun = api.post("/api/v1/sync/master-data", "{\"entities\": [\"customers\"]}").body().path("id").asText();

        Map<String, Task> reached = new HashMap<>();
        for (String id : orders) {
            String instance = api.get("/api/v1/orders/" + id).body().path("processInstanceId").asText();
            Task task = await().atMost(PATIENCE).until(() -> OrderTasks.of(tasks, runtime, instance).singleResult(), t -> t != null);
            reached.put(callerOf(task) + "/" + OrderTasks.kindOf(tasks, task), task);
        }
        Task review = await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(run).singleResult(), t -> t != null);
        reached.put("price-list-sync/" + review.getTaskDefinitionKey(), review);
        reached.put("order-delivery/resolveShipmentProblem", shipmentProblem());
        Task conflict = await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(masterDataRun)
                .singleResult(), t -> t != null);
        reached.put("master-data-sync/" + conflict.getTaskDefinitionKey(), conflict);
        reached.putAll(reachReturnTasks());
        reached.put("peer-refusal-review/resolveRefusal", refusalReview());
        reached.put("peer-refusal-review/resolveRefusalNoCancel", refusalReviewWithoutCancel());
        reached.put("further-gates/reviewGateException", furtherGateReview());
        return reached;
    }

    /** An installation to be shipped to Canada, as the order process hands it to its further gates. */
    private Task furtherGateReview() {
        String id = TestOrders.stored(orderStore, "CA", TestOrders.line("1", "SVC-INSTALL", "1", "90.00"));
        Order order = orderStore.get(id).order();
        String instance = runtime.startProcessInstanceByKey("further-gates", order.businessKey(),
                Map.of("orderId", id, "region", "us")).getId();
        return await().atMost(PATIENCE).until(() -> OrderTasks.of(tasks, runtime, instance).singleResult(), t -> t != null);
    }

    /** A shipped order's returns: a small one reaches the inspection, a high-value one customer service's approval. */
    private Map<String, Task> reachReturnTasks() {
        String id = submit(sample(uniqueRef()));
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body().path("status").asText(),
                "COMPLETED"::equals);
        Map<String, Task> reached = new HashMap<>();
        for (String quantity : List.of("1", "4")) {
            ApiClient.Response requested = api.post("/api/v1/orders/" + id + "/returns", """
                    {"returnRef": "FORMS-%s", "reason": "Form check", "lines": [{"sku": "FURN_0269", "quantity": %s}]}
                    """.formatted(quantity, quantity));
            assertThat(requested.status()).as(requested.raw()).isEqualTo(201);
            String instance = requested.body().path("processInstanceId").asText();
            Task task = await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().processInstanceId(instance).singleResult(), t -> t != null);
            reached.put("order-return/" + task.getTaskDefinitionKey(), task);
        }
        return reached;
    }

    /** A return whose credit note Odoo refuses: the review of the refusal opens. */
    private Task refusalReview() {
        String ref = uniqueRef();
        String id = submit(sample(ref));
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body().path("status").asText(),
                "COMPLETED"::equals);
        faults.failNext("account.move.reversal", "*", 1, SandboxFaults.Fault.USER_ERROR);
        ApiClient.Response requested = api.post("/api/v1/orders/" + id + "/returns", """
                {"returnRef": "FORMS-REFUSAL", "reason": "Form check", "lines": [{"sku": "FURN_0269", "quantity": 1}]}
                """);
        assertThat(requested.status()).as(requested.raw()).isEqualTo(201);
        String instance = requested.body().path("processInstanceId").asText();
        Task inspection = await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().processInstanceId(instance)
                .singleResult(), t -> t != null);
        tasks.complete(inspection.getId(), Map.of("goodsCondition", "opened", "disposition", "restock"));
        return await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), "resolveRefusal")
                .processInstanceBusinessKey("b2b-portal:" + ref + "/FORMS-REFUSAL").singleResult(), t -> t != null);
    }

    /** An order whose delivery Odoo refuses to record: the goods left, so the review offers no cancel. */
    private Task refusalReviewWithoutCancel() {
        faults.failNext("stock.picking", "button_validate", 1, SandboxFaults.Fault.USER_ERROR);
        String ref = uniqueRef();
        submit(sample(ref));
        return await().atMost(PATIENCE).until(() -> OrderTasks.review(tasks.createTaskQuery(), "resolveRefusalNoCancel")
                .processInstanceBusinessKey("b2b-portal:" + ref).singleResult(), t -> t != null);
    }

    /** An order whose released goods the warehouse reports damaged. */
    private Task shipmentProblem() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String id = submit(order(ref, "C-10042", "US", "93701", line("1", "FURN_0269", "1", "299.00")));
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/orders/" + id).body().path("status").asText(), "RELEASED"::equals);
        assertThat(api.post("/sandbox/wms/v1/releases/b2b-portal:" + ref + "/problems", """
                {"problem": "damaged"}
                """).status()).isEqualTo(200);
        String instance = api.get("/api/v1/orders/" + id).body().path("processInstanceId").asText();
        Task task = await().atMost(PATIENCE).until(() -> OrderTasks.of(tasks, runtime, instance).singleResult(), t -> t != null);
        faults.resumeShipments();
        return task;
    }

    /** The process whose call activity asked for a gate review: order-validation or order-availability. */
    private String callerOf(Task review) {
        return runtime.createProcessInstanceQuery().subProcessInstanceId(review.getProcessInstanceId()).singleResult()
                .getProcessDefinitionId().split(":")[0];
    }

    private String submit(String body) {
        ApiClient.Response response = api.post("/api/v1/orders", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    private static String mainCode() {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).map(AnalystFiles::read).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
