package dev.ordergate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordergate.sync.OrdersWaiting;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * A sync step that finds an order's job due steps aside: nothing of it is done, its job keeps its retries, gets no
 * error and no incident, and is due again later; once no order waits it runs, once. The real order model, the engine
 * configured by {@link EngineCare} and {@link WaitForPeers}, the real {@link JobBacklog}; counts, not time.
 */
class SyncStepsAsideTest {

    private ProcessEngine engine;
    private ManagementService management;
    private final AtomicInteger chunksWritten = new AtomicInteger();

    @BeforeEach
    void engine() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:aside-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .setHistory(ProcessEngineConfiguration.HISTORY_NONE)
                .setJobExecutorActivate(false)
                .setProcessEngineName("aside-" + UUID.randomUUID());
        configuration.setMetricsEnabled(false);
        configuration.setProcessEnginePlugins(List.of(new EngineCare(), new WaitForPeers(beans.getBeanProvider(Peers.class))));
        OrdersWaiting orders = new JobBacklog(beans.getBeanProvider(ManagementService.class));
        JavaDelegate writeChunk = execution -> {
            orders.yieldIfOrdersWait();
            chunksWritten.incrementAndGet();
        };
        configuration.setBeans(Map.of("writeChunk", writeChunk));
        engine = configuration.buildProcessEngine();
        management = engine.getManagementService();
        beans.addBean("management", management);
        engine.getRepositoryService().createDeployment()
                .addClasspathResource("order-validation.bpmn")
                .addModelInstance("sync.bpmn", Bpmn.createExecutableProcess("sync").camundaHistoryTimeToLive(1)
                        .camundaJobPriority(String.valueOf(JobPriorities.SYNC)).startEvent()
                        .serviceTask("writeChunk").camundaAsyncBefore().camundaDelegateExpression("${writeChunk}")
                        .endEvent().done())
                .deploy();
    }

    @AfterEach
    void close() {
        ClockUtil.reset();
        engine.close();
    }

    @Test
    void aSyncStepStepsAsideWhileAnOrderJobIsDueAndRunsOnceAfter() {
        String order = engine.getRuntimeService().createProcessInstanceByKey("order-validation")
                .startBeforeActivity("checkMasterData").execute().getId();
        String sync = engine.getRuntimeService().startProcessInstanceByKey("sync").getId();
        Job chunk = management.createJobQuery().processInstanceId(sync).singleResult();
        Date now = ClockUtil.getCurrentTime();

        assertThatThrownBy(() -> management.executeJob(chunk.getId())).isInstanceOf(OrdersWaiting.YieldToOrders.class);

        Job aside = management.createJobQuery().jobId(chunk.getId()).singleResult();
        assertThat(chunksWritten).hasValue(0);
        assertThat(aside.getRetries()).isEqualTo(chunk.getRetries());
        assertThat(aside.getExceptionMessage()).isNull();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        assertThat(aside.getDuedate()).isAfter(now);

        engine.getRuntimeService().deleteProcessInstance(order, "the order went first");
        ClockUtil.setCurrentTime(new Date(aside.getDuedate().getTime() + 1));
        management.executeJob(chunk.getId());

        assertThat(chunksWritten).hasValue(1);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(sync).count()).isZero();
    }
}
