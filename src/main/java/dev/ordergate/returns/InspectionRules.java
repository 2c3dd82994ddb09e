package dev.ordergate.returns;

import dev.ordergate.review.ReviewForm;
import dev.ordergate.review.ReviewRules;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The inspection's rule the form cannot state: damaged or scrapped goods need a note saying what is wrong. */
@Component
class InspectionRules implements ReviewRules {

    static final String FORM = "return-inspection";

    @Override
    public List<FieldProblem> check(ReviewForm form, Map<String, Object> values) {
        return FORM.equals(form.id()) ? check(values) : List.of();
    }

    static List<FieldProblem> check(Map<String, Object> values) {
        Object condition = values.get(InspectionTaskListener.CONDITION);
        Object disposition = values.get(InspectionTaskListener.DISPOSITION);
        if (("scrap".equals(disposition) || "damaged".equals(condition))
                && ReviewRules.blank(values.get(InspectionTaskListener.NOTE))) {
            return List.of(new FieldProblem(InspectionTaskListener.NOTE,
                    "is required for damaged or scrapped goods: say what is wrong with them"));
        }
        return List.of();
    }
}
