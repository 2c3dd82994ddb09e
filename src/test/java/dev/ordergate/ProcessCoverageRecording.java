package dev.ordergate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.community.process_test_coverage.core.export.CoverageStateJsonExporter;
import org.camunda.community.process_test_coverage.core.model.Collector;
import org.camunda.community.process_test_coverage.core.model.DefaultCollector;
import org.camunda.community.process_test_coverage.core.model.Event;
import org.camunda.community.process_test_coverage.core.model.Run;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.engine.platform7.ExecutionContextModelProvider;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records process test coverage (camunda-process-test-coverage's engine listeners) for the whole run of the shared
 * test context into target/process-test-coverage/integration-tests-&lt;id&gt;/report.json, read by
 * analysis.ProcessCoverageGate. One run for all test classes, not the library's per-method runs: the job executor
 * keeps working between test methods, and the library's Spring listener then failed jobs ("No active run") and tests
 * (a ConcurrentModificationException while it summed a run that job threads were still adding to).
 */
@TestConfiguration(proxyBeanMethods = false)
class ProcessCoverageRecording {

    /** One folder per test context (a context with other properties records its own), merged by the gate. */
    private static final Path REPORTS = Path.of("target", "process-test-coverage");

    @Bean
    static ProcessEnginePlugin processCoverageListeners() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
            }
        };
    }

    @Bean
    Recorder processCoverageRecorder(ProcessEngine engine) {
        return new Recorder(engine);
    }

    /** Adds events from any thread, never fails the engine's command, writes the report when the context closes. */
    static final class Recorder implements Collector, DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(Recorder.class);
        private final DefaultCollector collector = new DefaultCollector(new ExecutionContextModelProvider());

        Recorder(ProcessEngine engine) {
            Suite suite = new Suite("integration-tests", "Integration tests (shared context)");
            collector.createSuite(suite);
            collector.activateSuite(suite.getId());
            collector.createRun(new Run("all", "all test classes"), suite.getId());
            collector.activateRun("all");
            new ProcessEngineAdapter(engine, this).initializeListeners();
        }

        @Override
        public synchronized void addEvent(Event event) {
            try {
                collector.addEvent(event);
            } catch (RuntimeException e) {
                log.warn("Process coverage event not recorded: {}", e.toString());
            }
        }

        @Override
        public synchronized void destroy() {
            try {
                Path report = REPORTS.resolve("integration-tests-" + Integer.toHexString(System.identityHashCode(this)))
                        .resolve("report.json");
                Files.createDirectories(report.getParent());
                Files.writeString(report, CoverageStateJsonExporter.createCoverageStateResult(
                        collector.getSuites().values(), collector.getModels()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
