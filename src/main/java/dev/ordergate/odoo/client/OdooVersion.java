package dev.ordergate.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's major and minor version, from {@code common.version} ({@code server_version_info} first,
 * else {@code server_version}) or from {@code /json/version}. Builds carry suffixes ({@code 18.0+e-20241005},
 * {@code saas~17.2+e}, {@code 19.0-20251001}); only the leading numbers matter to us.
 */
public record OdooVersion(int major, int minor) {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)");

    public static OdooVersion parse(String text) {
        Matcher matcher = NUMBERS.matcher(text == null ? "" : text);
        if (!matcher.find()) {
            throw new OdooProtocolException("Odoo reported the version '" + text + "', which names no version", null);
        }
        return new OdooVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Reads {@code common.version}'s answer ({@code server_version*}) or {@code /json/version}'s ({@code version*}). */
    public static OdooVersion of(JsonNode answer) {
        for (String info : new String[] {"server_version_info", "version_info"}) {
            JsonNode numbers = answer.path(info);
            if (numbers.isArray() && numbers.size() >= 2 && numbers.get(0).isIntegralNumber()
                    && numbers.get(1).isIntegralNumber()) {
                return new OdooVersion(numbers.get(0).intValue(), numbers.get(1).intValue());
            }
        }
        JsonNode text = answer.has("server_version") ? answer.path("server_version") : answer.path("version");
        return parse(text.asText(null));
    }

    public boolean atLeast(int major) {
        return this.major >= major;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
