package dev.ordergate.review;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a reviewer may decide, per exception type (the gate that stopped the order). The forms offer exactly these
 * values, and the server refuses any other. The BPMN routes on the value; {@code accepts} means the gate lets the
 * order through from then on.
 */
public enum ReviewOption {
    ACCEPT_SUBMITTED_PRICE("pricing", "accept-submitted", true, true),
    APPLY_AUTHORITY_PRICE("pricing", "apply-authority", false, false),
    TAKE_SYSTEM_OF_RECORD("master-data", "take-odoo", true, true),
    RECHECK_MASTER_DATA("master-data", "recheck", false, false),
    APPROVE_CREDIT_ONCE("credit", "approve-once", true, true),
    HOLD_FOR_PAYMENT("credit", "hold-for-payment", false, false),
    RECHECK_TAX("tax", "recheck", false, false),
    WAIT_FOR_STOCK("availability", "wait-for-stock", false, false),
    CANCEL_SHORT_LINES("availability", "cancel-short-lines", true, false),
    SHIP_AVAILABLE_BACKORDER_REST("availability", "ship-available", false, true),
    APPROVE_SUBSTITUTION("substitution", "approve", false, false),
    REFUSE_SUBSTITUTION("substitution", "refuse", true, false),
    APPROVE_RETURN("return", "approve", false, true),
    RETRY_AFTER_REFUSAL("refusal", "retry", true, false),
    CANCEL_AFTER_REFUSAL("refusal", "cancel", true, false),
    HAND_OVER_REFUSAL("refusal", "hand-over", true, false),
    RETRY_AFTER_REFUSAL_NO_CANCEL("refusal-no-cancel", "retry", true, false),
    HAND_OVER_REFUSAL_NO_CANCEL("refusal-no-cancel", "hand-over", true, false),
    /** A gate added as a decision row and a policy bean (order-gates.dmn): the reviewer lets the order through... */
    ACCEPT_FURTHER_GATE("*", "accept", true, true),
    /** ... or has the gate checked again after a fix elsewhere. */
    RECHECK_FURTHER_GATE("*", "recheck", false, false),
    REJECT(null, "reject", true, false);

    /**
     * Reviews without the generic reject: a substitution is a proposal the reviewer takes or leaves (leaving it leads
     * to the exception's own review, where the order can be rejected), and a peer's refusal is no gate's verdict (its
     * review cancels the order instead, or, at a step that cannot be undone, offers only to try again or hand over).
     */
    private static final Set<String> WITHOUT_REJECT = Set.of("substitution", "refusal", "refusal-no-cancel");

    private final String gate;
    private final String value;
    private final boolean commentRequired;
    private final boolean accepts;

    ReviewOption(String gate, String value, boolean commentRequired, boolean accepts) {
        this.gate = gate;
        this.value = value;
        this.commentRequired = commentRequired;
        this.accepts = accepts;
    }

    public String value() {
        return value;
    }

    public boolean commentRequired() {
        return commentRequired;
    }

    public boolean accepts() {
        return accepts;
    }

    /** The gates that have options of their own; any other gate is one added without drawing (the "*" options). */
    private static final Set<String> OWN_OPTIONS = Arrays.stream(values()).map(o -> o.gate)
            .filter(g -> g != null && !g.equals("*")).collect(Collectors.toSet());

    public static List<ReviewOption> forGate(String gate) {
        String key = OWN_OPTIONS.contains(gate) ? gate : "*";
        return Arrays.stream(values())
                .filter(o -> o.gate == null ? !WITHOUT_REJECT.contains(gate) : o.gate.equals(key)).toList();
    }

    /** What is wrong with a decision (and its comment) on this gate's review; empty when it may be recorded. */
    static List<ReviewRules.FieldProblem> problems(String gate, Object decision, Object comment) {
        Optional<ReviewOption> option = of(gate, decision);
        if (option.isEmpty()) {
            return List.of(new ReviewRules.FieldProblem(ReviewTaskListener.DECISION, "must be one of "
                    + forGate(gate).stream().map(ReviewOption::value).toList() + " for a " + gate + " exception, was '"
                    + (decision == null ? "" : decision) + "'"));
        }
        if (option.get().commentRequired() && ReviewRules.blank(comment)) {
            return List.of(new ReviewRules.FieldProblem(ReviewTaskListener.COMMENT,
                    "is required: the decision '" + option.get().value() + "' needs a comment saying why"));
        }
        return List.of();
    }

    public static Optional<ReviewOption> of(String gate, Object value) {
        return forGate(gate).stream().filter(o -> o.value.equals(value)).findFirst();
    }
}
