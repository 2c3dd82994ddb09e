package dev.ordergate.order;

import java.util.List;

/**
 * What a gate's policy says about an order: it passes, a person must review it, or a rule rejects it outright;
 * with the reasons (the facts a reviewer needs) whenever it does not simply pass.
 */
public record Verdict(Outcome outcome, List<String> reasons) {

    public enum Outcome { PASS, REVIEW, REJECT }

    public Verdict {
        reasons = List.copyOf(reasons);
        if (outcome != Outcome.PASS && reasons.isEmpty()) {
            throw new IllegalArgumentException("a verdict other than pass needs a reason");
        }
    }

    public static Verdict pass() {
        return new Verdict(Outcome.PASS, List.of());
    }

    /** Passes when there is nothing to say, else goes to a person with the reasons. */
    public static Verdict of(List<String> reasons) {
        return reasons.isEmpty() ? pass() : new Verdict(Outcome.REVIEW, reasons);
    }

    public static Verdict review(List<String> reasons) {
        return new Verdict(Outcome.REVIEW, reasons);
    }

    public static Verdict reject(List<String> reasons) {
        return new Verdict(Outcome.REJECT, reasons);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    /** The reasons as the reviewer reads them, one per line. */
    public String summary() {
        return String.join("\n", reasons);
    }
}
