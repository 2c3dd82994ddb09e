package dev.ordergate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job executor takes an order's steps before a sync's: the real process models (their {@code camunda:jobPriority})
 * on an engine configured by {@link EngineCare}, and the engine's own acquisition command. Sync jobs are made first,
 * so acquiring in creation order would take them first; counts and ids are asserted, never time.
 */
class JobPrioritiesTest {

    private ProcessEngine engine;
    private ProcessEngineConfigurationImpl configuration;

    @BeforeEach
    void engineWithTheModels() {
        configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:priorities-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .setHistory(ProcessEngineConfiguration.HISTORY_NONE)
                .setJobExecutorActivate(false)
                .setProcessEngineName("priorities-" + UUID.randomUUID());
        configuration.setMetricsEnabled(false);
        configuration.setProcessEnginePlugins(List.of(new EngineCare()));
        // The sync's nightly timer reads its cron from this bean when the model is deployed.
        configuration.setBeans(Map.of("syncSchedules", Map.of("priceLists", "0 0 3 1 1 ?")));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .addClasspathResource("order-validation.bpmn")
                .addClasspathResource("price-list-sync.bpmn")
                .deploy();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void orderJobsAreAcquiredBeforeSyncJobsThatWereWaitingLonger() {
        List<String> syncJobs = List.of(syncChunk(), syncChunk(), syncChunk(), syncChunk(), syncChunk());
        List<String> orderJobs = List.of(orderStep(), orderStep(), orderStep());

        assertThat(priorities(syncJobs)).containsOnly(JobPriorities.SYNC);
        assertThat(priorities(orderJobs)).containsOnly(JobPriorities.ORDERS);

        assertThat(acquire(3)).as("the first acquisition takes the three order jobs, not the older sync jobs")
                .containsExactlyInAnyOrderElementsOf(orderJobs);
        assertThat(acquire(3)).as("then the sync jobs").hasSize(3).isSubsetOf(syncJobs);
    }

    @Test
    void anOrderJobMadeAfterSyncJobsWereAcquiredStillComesBeforeTheSyncJobsLeft() {
        List<String> syncJobs = List.of(syncChunk(), syncChunk(), syncChunk(), syncChunk());
        assertThat(acquire(2)).hasSize(2).isSubsetOf(syncJobs);

        String order = orderStep();

        assertThat(acquire(1)).containsExactly(order);
        assertThat(acquire(5)).hasSize(2).isSubsetOf(syncJobs);
    }

    private String orderStep() {
        String instance = engine.getRuntimeService().createProcessInstanceByKey("order-validation")
                .startBeforeActivity("checkMasterData").execute().getId();
        return job(instance);
    }

    private String syncChunk() {
        String instance = engine.getRuntimeService().createProcessInstanceByKey("price-list-sync")
                .startBeforeActivity("writePriceChunk").execute().getId();
        return job(instance);
    }

    private String job(String processInstanceId) {
        return engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).singleResult().getId();
    }

    private List<Long> priorities(List<String> jobIds) {
        return jobIds.stream().map(id -> engine.getManagementService().createJobQuery().jobId(id).singleResult())
                .map(Job::getPriority).toList();
    }

    private List<String> acquire(int jobs) {
        AcquiredJobs acquired = configuration.getCommandExecutorTxRequired()
                .execute(new AcquireJobsCmd(configuration.getJobExecutor(), jobs));
        return acquired.getJobIdBatches().stream().flatMap(List::stream).toList();
    }
}
