package dev.ordergate.order;

import java.util.List;

/** What a gate's policy says about an order: passed, or not with the reasons a reviewer needs. */
public record Verdict(boolean passed, List<String> reasons) {

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    public static Verdict pass() {
        return new Verdict(true, List.of());
    }

    public static Verdict fail(List<String> reasons) {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a failing verdict needs a reason");
        }
        return new Verdict(false, reasons);
    }

    public static Verdict of(List<String> reasons) {
        return reasons.isEmpty() ? pass() : fail(reasons);
    }

    public String summary() {
        return String.join("; ", reasons);
    }
}
