package dev.ordergate.review;

import java.util.Arrays;
import java.util.Optional;

/** What a reviewer may decide on an order exception; the form offers exactly these values. */
public enum ReviewOutcome {
    /** Let the order through this gate (a comment saying why is required). */
    APPROVE("approve"),
    /** Stop the order. */
    REJECT("reject");

    private final String value;

    ReviewOutcome(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<ReviewOutcome> of(Object value) {
        return Arrays.stream(values()).filter(o -> o.value.equals(value)).findFirst();
    }
}
