package dev.ordergate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.junit.jupiter.api.Test;

/**
 * The analysts' decision tables decide the same with FEEL parsed once as with the engine's own FEEL, and evaluating
 * them again parses nothing: the count of parses after many evaluations equals the count after the first.
 */
class ParsedOnceFeelTest {

    private final ParsedOnceFeel.Engine parsedOnce = new ParsedOnceFeel.Engine();
    private final DmnEngine stock = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final DmnEngine cached = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration
            .createDefaultDmnEngineConfiguration()).feelEngineFactory(() -> (FeelEngine) parsedOnce).buildEngine();

    @Test
    void theDecisionTablesDecideAsBeforeAndEachTextIsParsedOnce() {
        List<Map<String, Object>> cases = cases();

        List<Object> expected = evaluateAll(stock, cases);
        List<Object> first = evaluateAll(cached, cases);
        int parsesAfterFirstRound = parsedOnce.parses();
        for (int round = 0; round < 20; round++) {
            assertThat(evaluateAll(cached, cases)).isEqualTo(expected);
        }

        assertThat(first).isEqualTo(expected);
        assertThat(parsesAfterFirstRound).isPositive();
        assertThat(parsedOnce.parses()).as("parses after 20 more rounds of %d evaluations", cases.size())
                .isEqualTo(parsesAfterFirstRound);
    }

    /**
     * FEEL keeps its table of built-in functions from one evaluation to the next. feel-scala 1.17 to 1.19.3 built a
     * new one (a few hundred functions in a map) for every expression and every unary test evaluated, 6 % of the
     * node's CPU in the profile (docs/benchmarks.md); 1.19.4 keeps it (feel-scala pull request 1108) and the pom
     * pins it above the engine's BOM. Counted as bytes this thread allocates per evaluation, not as time.
     */
    @Test
    void anEvaluationDoesNotRebuildFeelsBuiltInFunctions() {
        List<Map<String, Object>> cases = cases();
        Map<String, DmnDecision> decisions = decisions(cached, cases);
        for (int round = 0; round < 200; round++) {
            evaluateAll(cached, decisions, cases);
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int rounds = 50;
        for (int round = 0; round < rounds; round++) {
            evaluateAll(cached, decisions, cases);
        }
        long perEvaluation = (threads.getCurrentThreadAllocatedBytes() - before) / ((long) rounds * cases.size());
        System.out.println("FEEL allocation per decision evaluation: " + perEvaluation + " bytes");
        assertThat(perEvaluation).as("bytes allocated per decision evaluation").isLessThan(PER_EVALUATION_BYTES);
    }

    /** 2,137,064 bytes on feel-scala 1.19.3, 35,151 on 1.19.5 (2026-12-07, JDK 17). */
    static final long PER_EVALUATION_BYTES = 200_000;

    private static List<Map<String, Object>> cases() {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (boolean blocked : new boolean[] {false, true}) {
            for (boolean overdue : new boolean[] {false, true}) {
                for (double utilisation : new double[] {0.2, 0.9, 1.0, 1.05, 1.5, 2.0, 2.5}) {
                    cases.add(Map.of("table", "credit-policy", "blocked", blocked, "hasOverdue", overdue,
                            "utilisation", utilisation));
                }
            }
        }
        for (String segment : List.of("Distributor Tier A", "Retail", "")) {
            for (String category : List.of("Services", "Furniture", "")) {
                cases.add(Map.of("table", "price-tolerance", "customerSegment", segment, "productCategory", category));
            }
        }
        for (String type : List.of("pricing", "credit", "tax", "availability", "master-data", "substitution",
                "odoo-refusal", "credit-refusal", "tax-refusal", "wms-refusal", "something else")) {
            cases.add(Map.of("table", "reviewer-routing", "exceptionType", type));
        }
        return cases;
    }

    private static List<Object> evaluateAll(DmnEngine engine, List<Map<String, Object>> cases) {
        return evaluateAll(engine, decisions(engine, cases), cases);
    }

    private static List<Object> evaluateAll(DmnEngine engine, Map<String, DmnDecision> decisions,
                                            List<Map<String, Object>> cases) {
        List<Object> results = new ArrayList<>();
        for (Map<String, Object> inputs : cases) {
            results.add(engine.evaluateDecisionTable(decisions.get((String) inputs.get("table")), inputs).getResultList());
        }
        return results;
    }

    /** Each table of the cases parsed once by the engine. */
    private static Map<String, DmnDecision> decisions(DmnEngine engine, List<Map<String, Object>> cases) {
        Map<String, DmnDecision> decisions = new java.util.HashMap<>();
        cases.forEach(inputs -> decisions.computeIfAbsent((String) inputs.get("table"), table -> decision(engine, table)));
        return decisions;
    }

    private static DmnDecision decision(DmnEngine engine, String table) {
        try (InputStream model = ParsedOnceFeelTest.class.getResourceAsStream("/" + table + ".dmn")) {
            return engine.parseDecision(table, model);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
