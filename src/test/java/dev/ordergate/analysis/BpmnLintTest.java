package dev.ordergate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bpmnlint with our .bpmnlintrc over every model in bpmn/, and one model broken on purpose per rule. */
class BpmnLintTest {

    private static final Path SAMPLES = Path.of("src/test/resources/analysis/lint");

    @Test
    void everyProcessModelPassesTheLinter() {
        LintTool.Result result = LintTool.lint(AnalystFiles.processModels());

        assertThat(result.exitCode()).as("bpmnlint found errors in bpmn/:%n%s", result.output()).isZero();
    }

    @Test
    void aSoundSampleModelPassesEveryRule() {
        LintTool.Result result = LintTool.lint(List.of(SAMPLES.resolve("valid.bpmn.xml")));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("0 error(s), 0 warning(s)");
    }

    @ParameterizedTest(name = "{0} is rejected by {1}")
    @CsvSource({
        "broken-gateway-labelled.bpmn.xml,           ordergate/gateway-labelled,          decided",
        "broken-user-task-form.bpmn.xml,             ordergate/user-task-form,            review",
        "broken-user-task-candidate-group.bpmn.xml,  ordergate/user-task-candidate-group, review",
        "broken-peer-call-async.bpmn.xml,            ordergate/peer-call-async-retry,     callPeer",
        "broken-peer-call-retry.bpmn.xml,            ordergate/peer-call-async-retry,     callPeer",
        "broken-peer-call-refusal-boundary.bpmn.xml, ordergate/peer-call-refusal-boundary, callPeer",
        "broken-no-implicit-split.bpmn.xml,          no-implicit-split,                   callPeer",
        "broken-readable-layout.bpmn.xml,            ordergate/readable-layout,           f4"
    })
    void aModelBrokenOnPurposeIsRejectedByItsRuleNamingTheElement(String file, String rule, String element) {
        LintTool.Result result = LintTool.lint(List.of(SAMPLES.resolve(file)));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).containsPattern("error " + rule + " at '[^']*' \\(" + element + "\\): \\S");
    }
}
