package dev.ordergate.ops;

import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.springframework.stereotype.Component;

/**
 * Engine settings that are decisions, not tuning knobs: jobs are acquired by priority (an order's steps before a
 * sync's, see {@link JobPriorities}), and the XML datatype factory the engine needs for every job is named instead
 * of searched for.
 */
@Component
class EngineCare extends AbstractProcessEnginePlugin {

    static final String DATATYPE_FACTORY = "javax.xml.datatype.DatatypeFactory";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setProducePrioritizedJobs(true);
        configuration.setJobExecutorAcquireByPriority(true);
        configuration.setHistoryCleanupJobPriority(JobPriorities.HOUSEKEEPING);
        // The engine parses a retry cycle for every job it creates (DurationHelper), and each parse calls
        // DatatypeFactory.newInstance(); unnamed, the JDK scans every jar of the class path for a provider each time
        // (4.6 % of the node's CPU in the profile, docs/benchmarks.md). No jar here provides one, so naming the JDK's
        // own changes nothing but the search. A value set on the command line wins.
        if (System.getProperty(DATATYPE_FACTORY) == null) {
            System.setProperty(DATATYPE_FACTORY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
        // A sync step that steps aside for waiting orders is not a failure: no stack trace in the log for it.
        ExecuteJobHelper.ExceptionLoggingHandler logging = ExecuteJobHelper.LOGGING_HANDLER;
        if (!(logging instanceof QuietWhenYielding)) {
            ExecuteJobHelper.LOGGING_HANDLER = new QuietWhenYielding(logging);
        }
    }

    private record QuietWhenYielding(ExecuteJobHelper.ExceptionLoggingHandler next)
            implements ExecuteJobHelper.ExceptionLoggingHandler {

        @Override
        public void exceptionWhileExecutingJob(String jobId, Throwable exception) {
            if (WaitForPeers.yielded(exception).isEmpty()) {
                next.exceptionWhileExecutingJob(jobId, exception);
            }
        }
    }
}
