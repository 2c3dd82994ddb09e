package dev.ordergate.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.hitpolicy.DmnHitPolicyException;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * What we check in a decision table, beyond the DMN engine parsing it:
 * <ul>
 * <li>FIRST: the last row is a catch-all ("-" in every input), so every case gets an answer and a row added at the
 * bottom by mistake cannot be silently unreachable;</li>
 * <li>UNIQUE and ANY: no sample input matches two rows (ANY: two rows with different outputs); the engine itself
 * decides, on samples built from the values in the table (every literal, every number and its neighbours, both
 * booleans, and a value no row names);</li>
 * <li>every table evaluates on every sample without an error (a typo in a FEEL entry shows up here).</li>
 * </ul>
 * Inputs whose expression is not a plain variable name are not sampled (the sample cannot be bound); the table is
 * still parsed and its FIRST row checked.
 */
final class DecisionTableChecks {

    private static final int MAX_SAMPLES = 20_000;
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    List<String> problems(Path file) {
        List<String> problems = new ArrayList<>();
        DmnModelInstance model;
        List<DmnDecision> decisions;
        try (InputStream forModel = Files.newInputStream(file); InputStream forEngine = Files.newInputStream(file)) {
            model = Dmn.readModelFromStream(forModel);
            decisions = engine.parseDecisions(forEngine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException unreadable) {
            return List.of(file + ": the DMN engine cannot read it: " + unreadable.getMessage());
        }
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            if (!(decision.getExpression() instanceof DecisionTable table)) {
                continue;
            }
            String where = "%s: table '%s' (%s)".formatted(file, decision.getName(), decision.getId());
            DmnDecision parsed = decisions.stream().filter(d -> d.getKey().equals(decision.getId())).findFirst().orElseThrow();
            List<Rule> rules = new ArrayList<>(table.getRules());
            if (rules.isEmpty()) {
                problems.add(where + " has no rows");
                continue;
            }
            HitPolicy hitPolicy = table.getHitPolicy();
            if (hitPolicy == HitPolicy.FIRST) {
                Rule last = rules.get(rules.size() - 1);
                if (!last.getInputEntries().stream().allMatch(DecisionTableChecks::isAny)) {
                    problems.add(where + " has hit policy FIRST but its last row (" + last.getId() + ") is not a catch-all:"
                            + " add a last row with '-' in every input, so a case no other row matches still gets an answer");
                }
            }
            evaluateSamples(where, table, parsed, hitPolicy, problems);
        }
        return problems;
    }

    private void evaluateSamples(String where, DecisionTable table, DmnDecision decision, HitPolicy hitPolicy, List<String> problems) {
        List<Input> inputs = new ArrayList<>(table.getInputs());
        List<String> names = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            String name = input.getInputExpression().getText().getTextContent().trim();
            if (!PLAIN_NAME.matcher(name).matches()) {
                continue;
            }
            names.add(name);
            values.add(samples(input.getInputExpression().getTypeRef(), entriesOf(table, i)));
        }
        Set<String> reported = new LinkedHashSet<>();
        int[] index = new int[names.size()];
        for (int count = 0; count < MAX_SAMPLES; count++) {
            Map<String, Object> variables = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                variables.put(names.get(i), values.get(i).get(index[i]));
            }
            try {
                engine.evaluateDecisionTable(decision, variables);
            } catch (DmnHitPolicyException overlap) {
                if ((hitPolicy == HitPolicy.UNIQUE || hitPolicy == HitPolicy.ANY) && reported.add(overlap.getMessage())) {
                    problems.add(where + " has hit policy " + hitPolicy + " but input " + variables + " matches more than one row: "
                            + overlap.getMessage() + "; make the rows exclusive (or use FIRST with a catch-all last row)");
                }
            } catch (RuntimeException error) {
                if (reported.add(error.getMessage())) {
                    problems.add(where + " fails on input " + variables + ": " + error.getMessage());
                }
            }
            if (!next(index, values)) {
                break;
            }
        }
    }

    private static boolean next(int[] index, List<List<Object>> values) {
        for (int i = index.length - 1; i >= 0; i--) {
            if (++index[i] < values.get(i).size()) {
                return true;
            }
            index[i] = 0;
        }
        return false;
    }

    private static List<String> entriesOf(DecisionTable table, int column) {
        return table.getRules().stream().map(r -> new ArrayList<>(r.getInputEntries()).get(column).getTextContent()).toList();
    }

    private static List<Object> samples(String typeRef, List<String> entries) {
        String type = typeRef == null ? "string" : typeRef.toLowerCase();
        Set<Object> samples = new LinkedHashSet<>();
        switch (type) {
            case "boolean" -> {
                samples.add(true);
                samples.add(false);
            }
            case "integer", "long", "double" -> {
                samples.add(number(type, BigDecimal.ZERO));
                for (String entry : entries) {
                    Matcher m = NUMBER.matcher(entry);
                    while (m.find()) {
                        BigDecimal n = new BigDecimal(m.group());
                        BigDecimal step = "double".equals(type) ? new BigDecimal("0.01") : BigDecimal.ONE;
                        samples.add(number(type, n.subtract(step)));
                        samples.add(number(type, n));
                        samples.add(number(type, n.add(step)));
                    }
                }
            }
            default -> {
                for (String entry : entries) {
                    Matcher m = STRING_LITERAL.matcher(entry);
                    while (m.find()) {
                        samples.add(m.group(1));
                    }
                }
                samples.add("no row names this value");
            }
        }
        return new ArrayList<>(samples);
    }

    private static Object number(String type, BigDecimal n) {
        return switch (type) {
            case "integer" -> n.intValue();
            case "long" -> n.longValue();
            default -> n.doubleValue();
        };
    }

    private static boolean isAny(InputEntry entry) {
        String text = entry.getTextContent() == null ? "" : entry.getTextContent().trim();
        return text.isEmpty() || "-".equals(text);
    }
}
