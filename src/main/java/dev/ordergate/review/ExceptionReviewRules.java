package dev.ordergate.review;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The exception reviews' rule: the decisions this exception offers, and a comment for those that need one. */
@Component
class ExceptionReviewRules implements ReviewRules {

    @Override
    public List<FieldProblem> check(ReviewForm form, Map<String, Object> values) {
        boolean decides = form.inputs().stream().anyMatch(f -> f.key().equals(ReviewTaskListener.DECISION));
        if (!decides || !(values.get("exceptionGate") instanceof String gate)) {
            return List.of();
        }
        return ReviewOption.problems(gate, values.get(ReviewTaskListener.DECISION), values.get(ReviewTaskListener.COMMENT));
    }
}
