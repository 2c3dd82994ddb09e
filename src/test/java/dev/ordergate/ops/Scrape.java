package dev.ordergate.ops;

import dev.ordergate.ApiClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of {@code /actuator/prometheus}, parsed into series, as Prometheus would scrape it. */
public record Scrape(List<Series> series) {

    record Series(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static Scrape of(ApiClient api) {
        var response = api.get("/actuator/prometheus");
        if (response.status() != 200) {
            throw new IllegalStateException("/actuator/prometheus answered " + response.status());
        }
        List<Series> all = new ArrayList<>();
        for (String line : response.raw().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            all.add(new Series(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new Scrape(all);
    }

    boolean has(String name) {
        return series.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The sum of every series of that name whose labels include the given ones; 0 when there is none. */
    public double value(String name, String... labelPairs) {
        return series.stream().filter(s -> s.name().equals(name) && matches(s.labels(), labelPairs))
                .mapToDouble(Series::value).sum();
    }

    private static boolean matches(Map<String, String> labels, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
