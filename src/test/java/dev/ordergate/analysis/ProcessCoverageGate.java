package dev.ordergate.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * The build's minimum process test coverage per process, run by exec-maven-plugin in the verify phase after the tests.
 * It merges the camunda-process-test-coverage reports of the test contexts (target/process-test-coverage/&#42;/report.json),
 * counts the flow nodes and sequence flows of each process in bpmn/ that some test reached, and fails the build when a
 * process is below its minimum in src/test/resources/analysis/process-coverage.properties, or has no minimum there.
 * Only elements of the model in bpmn/ count, so versions deployed by tests (the migration test's) do not blur it.
 */
public final class ProcessCoverageGate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcessCoverageGate() {
    }

    public static void main(String[] args) {
        Path reports = Path.of(args.length > 0 ? args[0] : "target/process-test-coverage");
        Properties minimums = minimums();
        Map<String, Set<String>> reached = reached(reports);
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder("Process test coverage (flow nodes + sequence flows reached by any test):\n");
        for (Map.Entry<String, Set<String>> process : elementsOfEveryProcess().entrySet()) {
            String key = process.getKey();
            Set<String> covered = new HashSet<>(reached.getOrDefault(key, Set.of()));
            covered.retainAll(process.getValue());
            double coverage = (double) covered.size() / process.getValue().size();
            String minimum = minimums.getProperty(key);
            table.append(String.format(Locale.ROOT, "  %-24s %5.1f %% (%d of %d), minimum %s%n", key, coverage * 100,
                    covered.size(), process.getValue().size(), minimum == null ? "none" : percent(minimum)));
            if (minimum == null) {
                failures.add("process '%s' has no minimum coverage: add '%s=%.2f' (just under today's %.1f %%) to %s"
                        .formatted(key, key, Math.floor(coverage * 100) / 100, coverage * 100, MINIMUMS));
            } else if (coverage < Double.parseDouble(minimum)) {
                failures.add("process '%s' is covered %.1f %%, below its minimum %s: a test no longer reaches some of it, or"
                        .formatted(key, coverage * 100, percent(minimum)) + " new elements have no test; the elements each test reached are in "
                        + reports + "/*/report.json");
            }
        }
        System.out.print(table);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("\n", failures));
        }
    }

    private static final String MINIMUMS = "src/test/resources/analysis/process-coverage.properties";

    private static String percent(String fraction) {
        return String.format(Locale.ROOT, "%.0f %%", Double.parseDouble(fraction) * 100);
    }

    private static Properties minimums() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(MINIMUMS))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Element ids (flow nodes and sequence flows) per process key, from the models in bpmn/. */
    static Map<String, Set<String>> elementsOfEveryProcess() {
        Map<String, Set<String>> elements = new TreeMap<>();
        for (Path model : AnalystFiles.processModels()) {
            for (Process process : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(Process.class)) {
                Set<String> ids = new HashSet<>();
                process.getChildElementsByType(FlowNode.class).forEach(n -> ids.add(n.getId()));
                process.getChildElementsByType(SequenceFlow.class).forEach(f -> ids.add(f.getId()));
                descendants(process, ids);
                elements.put(process.getId(), ids);
            }
        }
        return elements;
    }

    private static void descendants(org.camunda.bpm.model.xml.instance.ModelElementInstance parent, Set<String> ids) {
        for (org.camunda.bpm.model.bpmn.instance.SubProcess sub : parent.getChildElementsByType(org.camunda.bpm.model.bpmn.instance.SubProcess.class)) {
            sub.getFlowElements().stream().filter(e -> e instanceof FlowNode || e instanceof SequenceFlow).forEach(e -> ids.add(e.getId()));
            descendants(sub, ids);
        }
    }

    private static Map<String, Set<String>> reached(Path reports) {
        Map<String, Set<String>> reached = new HashMap<>();
        if (!Files.isDirectory(reports)) {
            return reached;
        }
        try (Stream<Path> files = Files.walk(reports, 2)) {
            for (Path report : files.filter(f -> f.getFileName().toString().equals("report.json")).toList()) {
                JsonNode root = JSON.readTree(report.toFile());
                for (JsonNode suite : root.path("suites")) {
                    for (JsonNode run : suite.path("runs")) {
                        for (JsonNode event : run.path("events")) {
                            reached.computeIfAbsent(event.path("modelKey").asText(), k -> new HashSet<>())
                                    .add(event.path("definitionKey").asText());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reached;
    }
}
