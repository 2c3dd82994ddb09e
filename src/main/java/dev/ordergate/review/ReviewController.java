package dev.ordergate.review;

import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The review API: the open reviews of a group with what each shows and what it asks (the fields, required ones and
 * allowed values, read from the task's deployed form), and a decision on one. The caller must be in one of the task's
 * candidate groups; a decision goes through the same check as Tasklist and engine-rest ({@link ReviewInputs}).
 */
@RestController
class ReviewController {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final ReviewInputs inputs;
    private final Reviewers reviewers;

    ReviewController(TaskService tasks, RuntimeService runtime, IdentityService identity, ReviewInputs inputs,
                     Reviewers reviewers) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.identity = identity;
        this.inputs = inputs;
        this.reviewers = reviewers;
    }

    @GetMapping("/api/v1/reviews")
    ResponseEntity<Object> open(@RequestParam(required = false) String group, HttpServletRequest request) {
        Optional<Reviewers.Reviewer> caller = reviewers.current(request);
        if (caller.isEmpty()) {
            return unauthenticated();
        }
        if (group != null && group.isBlank()) {
            return ReviewProblems.problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                    "Parameter 'group' must name a review group", Map.of("errors",
                            List.of(Map.of("field", "group", "message", "must name a review group"))));
        }
        if (group != null && !caller.get().groups().contains(group)) {
            return forbidden(caller.get().userId() + " is not in the group " + group);
        }
        List<String> groups = group == null ? caller.get().groups() : List.of(group);
        List<Task> open = groups.isEmpty() ? List.of()
                : tasks.createTaskQuery().taskCandidateGroupIn(groups).active().orderByTaskCreateTime().asc().list();
        Map<String, String> keys = businessKeys(open);
        List<Map<String, Object>> reviews = open.stream().map(t -> describe(t, keys.get(t.getProcessInstanceId()))).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("group", group);
        body.put("count", reviews.size());
        body.put("reviews", reviews);
        return ResponseEntity.ok(body);
    }

    @GetMapping("/api/v1/reviews/{taskId}")
    ResponseEntity<Object> one(@PathVariable String taskId, HttpServletRequest request) {
        Optional<Reviewers.Reviewer> caller = reviewers.current(request);
        if (caller.isEmpty()) {
            return unauthenticated();
        }
        return visible(taskId, caller.get()).map(t -> ResponseEntity.<Object>ok(describe(t,
                        businessKeys(List.of(t)).get(t.getProcessInstanceId()))))
                .orElseGet(() -> notYours(taskId, caller.get()));
    }

    @PostMapping("/api/v1/reviews/{taskId}/decision")
    ResponseEntity<Object> decide(@PathVariable String taskId, @RequestBody Map<String, Object> decision,
                                  HttpServletRequest request) {
        Optional<Reviewers.Reviewer> caller = reviewers.current(request);
        if (caller.isEmpty()) {
            return unauthenticated();
        }
        Optional<Task> task = visible(taskId, caller.get());
        if (task.isEmpty()) {
            return notYours(taskId, caller.get());
        }
        String assignee = task.get().getAssignee();
        if (assignee != null && !assignee.equals(caller.get().userId())) {
            return ReviewProblems.problem(HttpStatus.CONFLICT, "review-claimed", "Review claimed by someone else",
                    "Task " + taskId + " is claimed by " + assignee, Map.of());
        }
        Optional<ReviewForm> form = inputs.formOf(taskId);
        Set<String> accepted = form.map(f -> f.inputs().stream().map(ReviewForm.Field::key).collect(Collectors.toSet()))
                .orElse(Set.of());
        List<ReviewRules.FieldProblem> problems = new ArrayList<>();
        decision.forEach((field, value) -> {
            if (!accepted.contains(field)) {
                problems.add(new ReviewRules.FieldProblem(field, "is not a field of this review; it asks for "
                        + accepted.stream().sorted().toList()));
            } else if (value instanceof Map || value instanceof List) {
                problems.add(new ReviewRules.FieldProblem(field, "must be a single value"));
            }
        });
        if (problems.isEmpty()) {
            problems.addAll(inputs.check(taskId, decision));
        }
        if (!problems.isEmpty()) {
            return ReviewInputs.refused(taskId, problems);
        }
        identity.setAuthentication(caller.get().userId(), caller.get().groups());
        try {
            tasks.complete(taskId, decision);
        } catch (NullValueException gone) {
            return ReviewProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "Task " + taskId + " is no longer open (decided by someone else?)", Map.of());
        } catch (OptimisticLockingException raced) {
            return ReviewProblems.problem(HttpStatus.CONFLICT, "review-raced", "Decided at the same time",
                    "Task " + taskId + " was changed while this decision was recorded; look again", Map.of());
        } finally {
            identity.clearAuthentication();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", taskId);
        body.put("decidedBy", caller.get().userId());
        body.put("values", decision);
        return ResponseEntity.ok(body);
    }

    /** The task if it is open and one of the caller's groups is a candidate (or the caller holds it). */
    private Optional<Task> visible(String taskId, Reviewers.Reviewer caller) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return Optional.empty();
        }
        boolean candidate = !caller.groups().isEmpty()
                && tasks.createTaskQuery().taskId(taskId).taskCandidateGroupIn(caller.groups()).count() > 0;
        return candidate || caller.userId().equals(task.getAssignee()) ? Optional.of(task) : Optional.empty();
    }

    private ResponseEntity<Object> notYours(String taskId, Reviewers.Reviewer caller) {
        if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
            return ReviewProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "No open review task " + taskId, Map.of());
        }
        return forbidden(caller.userId() + " is in none of the candidate groups of task " + taskId);
    }

    private Map<String, Object> describe(Task task, String businessKey) {
        Optional<ReviewForm> form = inputs.formOf(task.getId());
        List<ReviewForm.Field> facts = form.map(f -> f.fields().stream().filter(ReviewForm.Field::readonly).toList())
                .orElse(List.of());
        Map<String, Object> shown = new LinkedHashMap<>();
        Map<String, Object> variables = tasks.getVariables(task.getId(),
                facts.stream().map(ReviewForm.Field::key).toList());
        facts.forEach(f -> shown.put(f.key(), variables.get(f.key())));
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("taskId", task.getId());
        review.put("name", task.getName());
        review.put("taskDefinitionKey", task.getTaskDefinitionKey());
        // A gate review is exception-review's one task: which review it is, is its task-local reviewKind.
        review.put("kind", Optional.ofNullable(tasks.getVariableLocal(task.getId(), "reviewKind"))
                .orElse(task.getTaskDefinitionKey()));
        review.put("businessKey", businessKey);
        review.put("created", task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC));
        review.put("assignee", task.getAssignee());
        review.put("form", form.map(ReviewForm::id).orElse(null));
        review.put("facts", shown);
        review.put("fields", form.map(ReviewForm::inputs).orElse(List.of()));
        review.put("decision", "/api/v1/reviews/" + task.getId() + "/decision");
        return review;
    }

    private Map<String, String> businessKeys(List<Task> open) {
        Set<String> ids = open.stream().map(Task::getProcessInstanceId).filter(id -> id != null).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        return runtime.createProcessInstanceQuery().processInstanceIds(ids).list().stream()
                .filter(p -> p.getBusinessKey() != null)
                .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey, (a, b) -> a));
    }

    private static ResponseEntity<Object> unauthenticated() {
        return ReviewProblems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                "The review API needs to know the reviewer: a bearer token with Keycloak, or the engine user's "
                        + "name and password (HTTP basic) in local mode", Map.of());
    }

    private static ResponseEntity<Object> forbidden(String detail) {
        return ReviewProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Not permitted", detail, Map.of());
    }
}
