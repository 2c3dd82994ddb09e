package dev.ordergate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * How tests find an order's tasks and history now that its parts and reviews run in called diagrams: a task of the
 * order is a task of its process instance or of an instance it called (order-validation, order-delivery,
 * exception-review, peer-refusal-review ...), an activity it reached is one reached by any instance of that tree,
 * running or finished, and a gate review is the
 * one {@code reviewException} task of exception-review, told apart by its task-local {@code reviewKind}
 * ({@code reviewPriceMismatch}, {@code reviewShortfall} ...; the task ids of the flat diagram before).
 */
public final class OrderTasks {

    public static final String REVIEW_TASK = "reviewException";
    public static final String KIND = "reviewKind";

    private OrderTasks() {
    }

    /** The tasks of a process instance and of every instance it called, down the tree. */
    public static TaskQuery of(TaskService tasks, RuntimeService runtime, String processInstanceId) {
        return tasks.createTaskQuery().processInstanceIdIn(running(runtime, processInstanceId).toArray(String[]::new));
    }

    /** The job (a timer, a save point) at an activity of a process instance or of an instance it called, or null. */
    public static Job job(ManagementService management, RuntimeService runtime, String processInstanceId,
                          String activityId) {
        // One query per instance: the engine's processInstanceIds(...) with activityId(...) is not valid SQL on H2.
        return running(runtime, processInstanceId).stream()
                .map(id -> management.createJobQuery().processInstanceId(id).activityId(activityId).singleResult())
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The jobs of a process instance and of every instance it called that failed at least once (an exception kept). */
    public static List<Job> failingJobs(ManagementService management, RuntimeService runtime, String processInstanceId) {
        return running(runtime, processInstanceId).stream()
                .flatMap(id -> management.createJobQuery().processInstanceId(id).withException().list().stream())
                .toList();
    }

    private static List<String> running(RuntimeService runtime, String processInstanceId) {
        List<String> ids = new ArrayList<>(List.of(processInstanceId));
        for (int i = 0; i < ids.size(); i++) {
            runtime.createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()
                    .forEach(called -> ids.add(called.getId()));
        }
        return ids;
    }

    /** Narrows a task query to the gate reviews of one kind. */
    public static TaskQuery review(TaskQuery query, String kind) {
        return query.taskDefinitionKey(REVIEW_TASK).taskVariableValueEquals(KIND, kind);
    }

    /** Which review a task is: its reviewKind for a gate review, else its task definition key. */
    public static String kindOf(TaskService tasks, Task task) {
        return REVIEW_TASK.equals(task.getTaskDefinitionKey())
                ? (String) tasks.getVariableLocal(task.getId(), KIND) : task.getTaskDefinitionKey();
    }

    /** The ids of a process instance and of every instance it called, down the tree, running or finished. */
    public static List<String> tree(HistoryService history, String processInstanceId) {
        List<String> ids = new ArrayList<>(List.of(processInstanceId));
        for (int i = 0; i < ids.size(); i++) {
            history.createHistoricProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()
                    .forEach(called -> ids.add(called.getId()));
        }
        return ids;
    }

    /** The failed attempts of the jobs of a process instance and of every instance it called, running or finished. */
    public static List<HistoricJobLog> failureLog(HistoryService history, String processInstanceId) {
        return tree(history, processInstanceId).stream()
                .flatMap(id -> history.createHistoricJobLogQuery().processInstanceId(id).failureLog().list().stream())
                .toList();
    }

    /** How often the order's process instance, or an instance it called, reached an activity. */
    public static long reached(HistoryService history, String processInstanceId, String activityId) {
        return tree(history, processInstanceId).stream()
                .mapToLong(id -> history.createHistoricActivityInstanceQuery().processInstanceId(id)
                        .activityId(activityId).count())
                .sum();
    }
}
