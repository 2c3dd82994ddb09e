package dev.ordergate.security;

import java.math.BigDecimal;

/**
 * How secrets and commercially sensitive values (prices, margins, credit limits, tax ids) look in logs and error
 * messages: never in clear, but distinguishable enough to follow one value through a log. What a channel reads of a
 * gate's reasons is {@link dev.ordergate.order.ChannelReasons}.
 */
public final class Masking {

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
}
