package dev.ordergate.order;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What each audience reads of a gate's reasons (docs/security-runtime.md): the reviewer's task in Tasklist and the
 * review audit carry every figure; everything a channel can read (the order API's status reason, milestones and
 * reviews, status events) and the mails carry {@link #of}: reason codes and a sentence, never a credit limit,
 * exposure, authority price or margin.
 */
public final class ChannelReasons {

    /** Per gate, a sentence that says where the order stands without a figure a channel must not read. */
    private static final Map<String, String> SENTENCES = Map.of(
            "master-data", "stopped at the master-data check",
            "pricing", "stopped at the price check",
            "credit", "stopped at the credit check",
            "tax", "stopped at the tax check",
            "availability", "stopped at the availability check",
            "substitution", "a substitute for a line waits for approval");

    private ChannelReasons() {
    }

    /**
     * A gate's reasons as a channel may read them, e.g. {@code credit-limit: stopped at the credit check}.
     *
     * @param gate the gate the reasons are from ({@code pricing}, {@code credit} ...)
     * @param reviewerDetail the reasons as the reviewer reads them, one per line
     */
    public static String of(String gate, String reviewerDetail) {
        if (reviewerDetail == null || reviewerDetail.isBlank()) {
            return null;
        }
        String key = gate == null ? "" : gate;
        String codes = Arrays.stream(reviewerDetail.split("\n")).filter(line -> !line.isBlank())
                .map(line -> ReasonCodes.of(key, line)).distinct().collect(Collectors.joining(", "));
        return codes + ": " + SENTENCES.getOrDefault(key, "waits for a review");
    }
}
