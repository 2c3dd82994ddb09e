package dev.ordergate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every decision table in bpmn/ parses and keeps its hit policy's promise; broken tables say what to change. */
class DecisionTableChecksTest {

    private static final Path SAMPLES = Path.of("src/test/resources/analysis/dmn");
    private final DecisionTableChecks checks = new DecisionTableChecks();

    @Test
    void everyDecisionTableParsesAndKeepsItsHitPolicy() {
        List<String> problems = AnalystFiles.decisionTables().stream().flatMap(t -> checks.problems(t).stream()).toList();

        assertThat(AnalystFiles.decisionTables()).isNotEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aUniqueTableWithTwoRowsForTheSameCaseIsRejectedWithTheCase() {
        List<String> problems = checks.problems(SAMPLES.resolve("overlapping-unique.dmn.xml"));

        assertThat(problems).singleElement().asString()
                .contains("hit policy UNIQUE", "{exceptionType=tax}", "taxRule", "customerServiceRule");
    }

    @Test
    void aFirstTableWithoutACatchAllLastRowIsRejected() {
        List<String> problems = checks.problems(SAMPLES.resolve("first-without-catch-all.dmn.xml"));

        assertThat(problems).singleElement().asString()
                .contains("hit policy FIRST", "last row (contractRule) is not a catch-all");
    }

    @Test
    void aTableTheEngineCannotReadIsReported() {
        List<String> problems = checks.problems(SAMPLES.resolve("unreadable.dmn.xml"));

        assertThat(problems).singleElement().asString().contains("the DMN engine cannot read it");
    }
}
