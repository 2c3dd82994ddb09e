package dev.ordergate.review;

import java.util.List;
import java.util.Map;

/**
 * A rule a form cannot state itself (a comment required for one decision only, a note for damaged goods), checked
 * with the form's own rules before a review task completes. A capability with such a rule for its form provides one.
 */
public interface ReviewRules {

    /**
     * What is wrong, field by field, with these values (the task's variables overlaid with the submitted ones) for a
     * task with this form; empty when the rule has nothing to say about the form.
     */
    List<FieldProblem> check(ReviewForm form, Map<String, Object> values);

    record FieldProblem(String field, String message) {
    }

    static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
