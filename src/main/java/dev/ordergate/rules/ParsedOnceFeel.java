package dev.ordergate.rules;

import camundajar.impl.scala.util.Either;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

/**
 * The engine's Scala FEEL, parsing each expression text of the decision tables once instead of on every
 * evaluation. Camunda's {@code ScalaFeelEngine} hands FEEL the text every time ({@code evalExpression},
 * {@code evalUnaryTests}), and FEEL parses it again: a third of the DMN time in the node's profile
 * (docs/benchmarks.md; the same finding is open upstream as feel-scala issue 1149). A parsed expression is an
 * immutable syntax tree, so one per text serves every thread; the evaluation and its context are Camunda's own.
 * Texts that fail to parse are not kept, so they fail the same way each time.
 */
@Component
class ParsedOnceFeel extends AbstractProcessEnginePlugin implements FeelEngineFactory {

    private volatile DefaultDmnEngineConfiguration dmn;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.isDmnFeelEnableLegacyBehavior()) {
            return;
        }
        DefaultDmnEngineConfiguration dmnConfiguration = configuration.getDmnEngineConfiguration();
        if (dmnConfiguration == null) {
            dmnConfiguration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
            configuration.setDmnEngineConfiguration(dmnConfiguration);
        }
        dmnConfiguration.setFeelEngineFactory(this);
        dmn = dmnConfiguration;
    }

    /** Called when the engine builds its DMN engine, after the engine's custom FEEL functions are set. */
    @Override
    public FeelEngine createInstance() {
        List<FeelCustomFunctionProvider> functions = dmn == null ? null : dmn.getFeelCustomFunctionProviders();
        return new Engine(functions == null ? List.of() : functions);
    }

    /** Camunda's FEEL integration with a FEEL engine that keeps what it parsed. */
    static final class Engine extends ScalaFeelEngine {

        Engine() {
            this(List.of());
        }

        Engine(List<FeelCustomFunctionProvider> functions) {
            super(functions);
        }

        @Override
        protected org.camunda.feel.FeelEngine buildFeelEngine(CustomFunctionTransformer functions,
                                                              ValueMapper.CompositeValueMapper values) {
            org.camunda.feel.FeelEngine built = super.buildFeelEngine(functions, values);
            return new Parser(built);
        }

        /** How many times FEEL parsed a text (expressions and unary tests) since this engine was made. */
        int parses() {
            return ((Parser) feelEngine).parses.get();
        }
    }

    private static final class Parser extends org.camunda.feel.FeelEngine {

        private final Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();
        private final Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();
        private final AtomicInteger parses = new AtomicInteger();

        Parser(org.camunda.feel.FeelEngine built) {
            super(built.functionProvider(), built.valueMapper(), built.configuration(), built.clock());
        }

        @Override
        public Either<Failure, ParsedExpression> parseExpression(String expression) {
            return once(expressions, expression, super::parseExpression);
        }

        @Override
        public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
            return once(unaryTests, expression, super::parseUnaryTests);
        }

        private Either<Failure, ParsedExpression> once(Map<String, Either<Failure, ParsedExpression>> parsed,
                                                              String text,
                                                              Function<String, Either<Failure, ParsedExpression>> parse) {
            Either<Failure, ParsedExpression> known = parsed.get(text);
            if (known != null) {
                return known;
            }
            parses.incrementAndGet();
            Either<Failure, ParsedExpression> fresh = parse.apply(text);
            if (fresh.isRight()) {
                parsed.putIfAbsent(text, fresh);
            }
            return fresh;
        }
    }
}
