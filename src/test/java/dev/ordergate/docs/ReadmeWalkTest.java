package dev.ordergate.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every curl the README shows runs, in the order a newcomer meets it, against the test application, and each
 * documented answer ({@code # → <status> <json>} after the command, see the README's last section) must still be
 * the answer: so the walk-through cannot drift from what the application does.
 */
@IntegrationTest
class ReadmeWalkTest {

    /** The pages whose curl blocks run, in this order; each page's blocks depend only on the page itself. */
    private static final List<String> PAGES = List.of("README.md", "docs/reviewing.md", "docs/returns.md", "docs/orders.md", "docs/sync.md",
            "docs/regions.md");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```bash\\n(.*?)^```");
    private static final Pattern EXPECTED = Pattern.compile("^# → (eventually )?(\\d{3})\\s*(.*)$");
    private static final Pattern ASSIGNED = Pattern.compile("(?m)(?:^|[\\s;(])([A-Z][A-Z0-9_]*)=");
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Z][A-Z0-9_]*)");
    private static final int EVENTUALLY_ATTEMPTS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @TempDir
    Path scratch;

    record Step(String page, String commands, boolean eventually, int status, String json) {
    }

    record Answer(int status, String body) {
    }

    @Test
    void everyDocumentedCurlAnswersAsDocumented() throws Exception {
        for (String tool : List.of("/usr/bin/curl", "/usr/bin/jq", "/bin/bash")) {
            if (!Files.isExecutable(Path.of(tool))) {
                System.err.println("!!! ReadmeWalkTest SKIPPED: " + tool + " is missing, the README's curls are NOT checked");
            }
            Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is needed to run the README's curls");
        }
        for (String page : PAGES) {
            List<Step> steps = steps(page);
            assertThat(steps).as("%s has documented answers to check", page).isNotEmpty();
            Set<String> variables = variables(steps);
            Path dir = Files.createDirectories(scratch.resolve(page.replace('/', '_')));
            for (Step step : steps) {
                check(step, dir, variables);
            }
            System.out.println("ReadmeWalkTest: " + page + ": " + steps.size() + " documented answers, all as documented");
        }
    }

    @Test
    void aDocumentedAnswerIsComparedAsASubsetOfTheRealOne() throws Exception {
        JsonNode actual = JSON.readTree("{\"id\":\"o-1\",\"status\":\"COMPLETED\",\"reviews\":[{\"decidedBy\":\"x\"},"
                + "{\"decidedBy\":\"pricing\",\"gate\":\"pricing\"}],\"n\":2.50}");
        assertThat(matches(JSON.readTree("{\"status\":\"COMPLETED\",\"id\":\"…\",\"n\":2.5}"), actual)).isTrue();
        assertThat(matches(JSON.readTree("{\"reviews\":[{\"decidedBy\":\"pricing\"}]}"), actual)).isTrue();
        assertThat(matches(JSON.readTree("{\"status\":\"RECEIVED\"}"), actual)).isFalse();
        assertThat(matches(JSON.readTree("{\"invoiceRef\":\"…\"}"), actual)).isFalse();
        assertThat(matches(JSON.readTree("{\"reviews\":[{\"decidedBy\":\"finance\"}]}"), actual)).isFalse();
    }

    private void check(Step step, Path dir, Set<String> variables) throws Exception {
        int attempts = step.eventually() ? EVENTUALLY_ATTEMPTS : 1;
        String mismatch = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                TimeUnit.SECONDS.sleep(1);
            }
            Answer answer = run(step, dir, variables);
            mismatch = mismatch(step, answer, dir);
            if (mismatch == null) {
                return;
            }
        }
        fail("%s: the documented answer `# → %s%d %s` is not what\n%s\nanswers: %s", step.page(),
                step.eventually() ? "eventually " : "", step.status(), step.json(), step.commands(), mismatch);
    }

    private String mismatch(Step step, Answer answer, Path dir) throws IOException {
        if (answer.status() != step.status()) {
            return "status " + answer.status() + " " + answer.body();
        }
        if (step.json().isBlank()) {
            return null;
        }
        JsonNode expected = JSON.readTree(expand(step.json(), dir));
        JsonNode actual;
        try {
            actual = JSON.readTree(answer.body());
        } catch (IOException notJson) {
            return "a body that is not JSON: " + answer.body();
        }
        return matches(expected, actual) ? null : answer.body();
    }

    private Answer run(Step step, Path dir, Set<String> variables) throws Exception {
        Files.deleteIfExists(dir.resolve(".headers"));
        Files.deleteIfExists(dir.resolve(".body"));
        StringBuilder script = new StringBuilder()
                .append("[ -f .state ] && . ./.state\n")
                .append("curl() { command curl -D \"$PWD/.headers\" \"$@\" | tee \"$PWD/.body\"; }\n")
                .append(step.commands().replace("localhost:8080", "127.0.0.1:" + port)).append('\n')
                .append("{ :");
        for (String name : variables) {
            script.append("; printf '%s=%q\\n' ").append(name).append(" \"$").append(name).append('"');
        }
        script.append("; } > .state\n{ :");
        for (String name : variables) {
            script.append("; printf '%s\\t%s\\n' ").append(name).append(" \"$").append(name).append('"');
        }
        script.append("; } > .vars\n");
        Process bash = new ProcessBuilder("/bin/bash", "-c", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve(".out").toFile()).start();
        if (!bash.waitFor(2, TimeUnit.MINUTES)) {
            bash.destroyForcibly();
            fail("%s: the commands did not finish:\n%s", step.page(), step.commands());
        }
        Path headers = dir.resolve(".headers");
        assertThat(headers).as("a curl ran in:\n%s\noutput: %s", step.commands(),
                Files.readString(dir.resolve(".out"))).exists();
        int status = 0;
        for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("HTTP/")) {
                status = Integer.parseInt(line.split(" ")[1]);
            }
        }
        Path body = dir.resolve(".body");
        return new Answer(status, Files.exists(body) ? Files.readString(body) : "");
    }

    private static String expand(String json, Path dir) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve(".vars"))) {
            String[] nameValue = line.split("\t", 2);
            values.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
        }
        Matcher variable = VARIABLE.matcher(json);
        StringBuilder expanded = new StringBuilder();
        while (variable.find()) {
            String value = values.get(variable.group(1));
            assertThat(value).as("the expected answer names $%s, which the commands never set", variable.group(1))
                    .isNotNull();
            variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(expanded).toString();
    }

    /** The expected object's keys are all in the answer with these values; "…" is any value that is there. */
    static boolean matches(JsonNode expected, JsonNode actual) {
        if (actual == null || actual.isMissingNode()) {
            return false;
        }
        if (expected.isTextual() && expected.asText().equals("…")) {
            return !actual.isNull();
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            var fields = expected.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!matches(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray()) {
                return false;
            }
            for (JsonNode wanted : expected) {
                boolean found = false;
                for (JsonNode element : actual) {
                    found = found || matches(wanted, element);
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static List<Step> steps(String page) throws IOException {
        List<Step> steps = new ArrayList<>();
        Matcher block = FENCE.matcher(Files.readString(Path.of(page)));
        while (block.find()) {
            if (!block.group(1).contains("curl ")) {
                continue;
            }
            StringBuilder commands = new StringBuilder();
            for (String line : block.group(1).split("\n")) {
                Matcher expected = EXPECTED.matcher(line);
                if (expected.matches()) {
                    steps.add(new Step(page, commands.toString(), expected.group(1) != null,
                            Integer.parseInt(expected.group(2)), expected.group(3)));
                    commands.setLength(0);
                } else {
                    commands.append(line).append('\n');
                }
            }
            assertThat(commands.toString().strip()).as("%s: commands after the last documented answer of a block",
                    page).isEmpty();
        }
        return steps;
    }

    private static Set<String> variables(List<Step> steps) {
        Set<String> names = new LinkedHashSet<>();
        for (Step step : steps) {
            Matcher assigned = ASSIGNED.matcher(step.commands());
            while (assigned.find()) {
                names.add(assigned.group(1));
            }
        }
        return names;
    }
}
