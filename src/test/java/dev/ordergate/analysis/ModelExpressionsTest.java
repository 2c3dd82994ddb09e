package dev.ordergate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.IntegrationTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Every bean a model names exists in the running application, with the methods the model calls on it. */
@IntegrationTest
class ModelExpressionsTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyBeanTheProcessModelsNameExistsWithTheMethodsTheyCall() {
        ModelExpressions expressions = new ModelExpressions(context);

        List<String> problems = AnalystFiles.processModels().stream().flatMap(m -> expressions.problems(m).stream()).toList();

        assertThat(problems).as("expressions that name no bean").isEmpty();
    }

    @Test
    void aMisspelledDelegateAndAMissingMethodAreReportedWithTheirTask() {
        List<String> problems = new ModelExpressions(context).problems(Path.of("src/test/resources/analysis/expressions/unknown-beans.bpmn.xml"));

        assertThat(problems).hasSize(3);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("'Check credit' (checkCredit)", "${checkCredt}", "'checkCredt'", "not a bean"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("'Remind reviewers' (remind)", "reviewNotices.remindAll(...)"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("'Review overdue' (overdue)", "${retry.odoo}", "'retry'"));
    }
}
