package dev.ordergate.security;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How secrets and commercially sensitive values (prices, margins, credit limits, tax ids) look in logs and error
 * messages: never in clear, but distinguishable enough to follow one value through a log. And what each audience reads
 * of a gate's reasons (docs/security-runtime.md): the reviewer's task in Tasklist carries every figure; everything that
 * leaves Tasklist (the order API's status reason and history, status events, mails) carries {@link #forChannel}.
 */
public final class Masking {

    /** Per gate, a sentence that says where the order stands without a figure a channel must not read. */
    private static final Map<String, String> CHANNEL_SENTENCES = Map.of(
            "master-data", "stopped at the master-data check",
            "pricing", "stopped at the price check",
            "credit", "stopped at the credit check",
            "tax", "stopped at the tax check",
            "availability", "stopped at the availability check",
            "substitution", "a substitute for a line waits for approval");

    private Masking() {
    }

    /** A secret or key: only whether it is set. */
    public static String secret(String value) {
        return value == null || value.isEmpty() ? "<unset>" : "****";
    }

    /** A price, margin or credit limit: the order of magnitude only, e.g. {@code 1234.50 -> ~10^3}. */
    public static String amount(BigDecimal value) {
        if (value == null) {
            return "<none>";
        }
        if (value.signum() == 0) {
            return "0";
        }
        int magnitude = value.abs().precision() - value.abs().scale() - 1;
        return (value.signum() < 0 ? "-" : "") + "~10^" + magnitude;
    }

    /** A tax id or similar identifier: its last two characters, enough to tell two apart. */
    public static String identifier(String value) {
        if (value == null || value.isEmpty()) {
            return "<none>";
        }
        return value.length() <= 4 ? "****" : "****" + value.substring(value.length() - 2);
    }

    /**
     * A gate's reasons as a channel may read them: the reason codes and one sentence, never the credit limit,
     * exposure, authority price or margin the reviewer sees, e.g. {@code credit-limit: stopped at the credit check}.
     *
     * @param gate the gate the reasons are from ({@code pricing}, {@code credit} ...)
     * @param reviewerDetail the reasons as the reviewer reads them, one per line
     */
    public static String forChannel(String gate, String reviewerDetail) {
        if (reviewerDetail == null || reviewerDetail.isBlank()) {
            return null;
        }
        String key = gate == null ? "" : gate;
        String codes = Arrays.stream(reviewerDetail.split("\n")).filter(line -> !line.isBlank())
                .map(line -> ReasonCodes.of(key, line)).distinct().collect(Collectors.joining(", "));
        return codes + ": " + CHANNEL_SENTENCES.getOrDefault(key, "waits for a review");
    }
}
