package dev.ordergate.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * The one check every way of deciding a review goes through before the task completes (the review API, engine-rest
 * and Tasklist): the deployed form's required fields, allowed values and lengths, then the rules a form cannot state
 * ({@link ReviewRules}). What it finds is answered 400 problem+json naming each field, and nothing is completed.
 */
@Service
public class ReviewInputs {

    private final FormService forms;
    private final TaskService tasks;
    private final ObjectMapper json;
    private final List<ReviewRules> rules;

    ReviewInputs(FormService forms, TaskService tasks, ObjectMapper json, List<ReviewRules> rules) {
        this.forms = forms;
        this.tasks = tasks;
        this.json = json;
        this.rules = rules;
    }

    /** The deployed Camunda form of an open task; empty for a task without one or a task that does not exist (both
     * are the engine's BadUserRequestException, NotFoundException included). */
    public Optional<ReviewForm> formOf(String taskId) {
        try (InputStream in = forms.getDeployedTaskForm(taskId)) {
            return Optional.of(ReviewForm.of(json.readTree(in)));
        } catch (BadUserRequestException noForm) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with completing the task with these values; empty when it may complete. */
    public List<ReviewRules.FieldProblem> check(String taskId, Map<String, Object> submitted) {
        Optional<ReviewForm> form = formOf(taskId);
        if (form.isEmpty()) {
            return List.of();
        }
        Map<String, Object> values = new HashMap<>(tasks.getVariables(taskId));
        values.putAll(submitted);
        return check(form.get(), values);
    }

    static List<ReviewRules.FieldProblem> check(ReviewForm form, Map<String, Object> values, List<ReviewRules> rules) {
        List<ReviewRules.FieldProblem> problems = new ArrayList<>();
        for (ReviewForm.Field field : form.inputs()) {
            Object value = values.get(field.key());
            if (ReviewRules.blank(value)) {
                if (field.required()) {
                    problems.add(new ReviewRules.FieldProblem(field.key(), "is required"));
                }
            } else if (!field.values().isEmpty()
                    && field.values().stream().noneMatch(c -> c.value().equals(value.toString()))) {
                problems.add(new ReviewRules.FieldProblem(field.key(), "must be one of "
                        + field.values().stream().map(ReviewForm.Choice::value).toList() + ", was '" + value + "'"));
            } else if (field.maxLength() != null && value.toString().length() > field.maxLength()) {
                problems.add(new ReviewRules.FieldProblem(field.key(),
                        "may be at most " + field.maxLength() + " characters long"));
            }
        }
        for (ReviewRules rule : rules) {
            rule.check(form, values).stream()
                    .filter(p -> problems.stream().noneMatch(known -> known.field().equals(p.field())))
                    .forEach(problems::add);
        }
        return problems;
    }

    private List<ReviewRules.FieldProblem> check(ReviewForm form, Map<String, Object> values) {
        return check(form, values, rules);
    }

    /**
     * The 400 answer: problem+json with each field in {@code errors}, and {@code message} as well because that is
     * the field Tasklist shows when a form cannot be submitted.
     */
    static ResponseEntity<Object> refused(String taskId, List<ReviewRules.FieldProblem> problems) {
        String detail = "Cannot complete task " + taskId + ": " + String.join("; ",
                problems.stream().map(p -> p.field() + " " + p.message()).toList());
        return ReviewProblems.problem(HttpStatus.BAD_REQUEST, "invalid-review-decision", "Invalid review decision", detail,
                Map.of("errors", problems, "message", detail));
    }
}
