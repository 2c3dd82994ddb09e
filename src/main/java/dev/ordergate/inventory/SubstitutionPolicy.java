package dev.ordergate.inventory;

/** Whether a substitute may be shipped for a short line: without asking, after customer service approves, or not at all. */
public interface SubstitutionPolicy {

    Mode decide(Case line);

    /** What the policy looks at, for one short line of one order. */
    record Case(boolean allowSubstitutes, String channel, String customerRef, String customerSegment,
                String productCategory) {
    }

    enum Mode {
        AUTOMATIC("automatic"), APPROVAL("approval"), NOT_ALLOWED("not-allowed");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        /** The policy's word, as the decision table and the BPMN spell it. */
        public String value() {
            return value;
        }

        public static Mode of(String value) {
            for (Mode mode : values()) {
                if (mode.value.equals(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("Unknown substitution policy '" + value + "'");
        }
    }
}
