package dev.ordergate.fulfillment;

import dev.ordergate.OrderTasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.sandbox.SandboxFaults;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * The refusal tests' one way to meet a "Resolve refusal" review and decide it: wait for the review of the refused step
 * (peer-refusal-review, under the order's business key), check what the person sees (the peer, the step, the peer's
 * words, the order on the task's name) and that nothing became an incident, then decide as a reviewer would.
 */
final class RefusalReviews {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ApiClient api;

    RefusalReviews(TaskService tasks, RuntimeService runtime, ApiClient api) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.api = api;
    }

    /** The open review of this kind ({@code resolveRefusal} or {@code resolveRefusalNoCancel}) of an order, or null. */
    Task find(String ref, String taskKey) {
        String businessKey = ref.contains(":") ? ref : "b2b-portal:" + ref;
        return OrderTasks.review(tasks.createTaskQuery(), taskKey).processInstanceBusinessKey(businessKey).singleResult();
    }

    /** Waits for the review of the refused step and checks what the person sees; no incident. */
    Task awaitRefusal(String id, String ref, String taskKey, String peer, String step) {
        Task review = await().atMost(PATIENCE).until(() -> find(ref, taskKey),
                t -> t != null && step.equals(tasks.getVariable(t.getId(), "refusalStep")));
        Map<String, Object> shown = tasks.getVariables(review.getId());
        assertThat(shown).containsEntry("refusalPeer", peer).containsEntry("refusalMessage", SandboxFaults.REFUSAL);
        assertThat(review.getName()).startsWith("Resolve refusal · ");
        assertThat(runtime.createIncidentQuery().processInstanceId(api.processInstanceId(id)).count()).isZero();
        return review;
    }

    /** Waits for the next review of this kind of an order, whatever step. */
    Task awaitNext(String ref, String taskKey) {
        return await().atMost(PATIENCE).until(() -> find(ref, taskKey), t -> t != null);
    }

    /** Decides as the reviewer: the group stays the one the review was routed to. */
    void decide(Task review, String decision, String comment) {
        Object group = tasks.getVariable(review.getId(), "refusalGroup");
        tasks.complete(review.getId(), Map.of("decision", decision, "refusalGroup", group, "decisionComment", comment));
    }
}
