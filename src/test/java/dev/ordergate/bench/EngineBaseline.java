package dev.ordergate.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The bare engine's ceiling on this machine: Camunda 7 alone, no Spring, no HTTP, a process of {@code --save-points}
 * {@code asyncBefore} service tasks whose expression does nothing, on the given PostgreSQL database, with the job
 * executor and pool sized like the node's. Throughput is measured like the load driver's: instances ended per second
 * from the first start to the last end of the measured batch (read from history).
 * <p>
 * {@code java -cp <test classpath> dev.ordergate.bench.EngineBaseline --jdbc jdbc:postgresql://127.0.0.1:5432/x
 * --instances 1000 --warmup 500 --save-points 9 --history full --threads 2 --acquisition 10 --wait-ms 100 --pool 10}
 */
public final class EngineBaseline {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String jdbc = a.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/ordergate_bench_engine");
        int instances = Integer.parseInt(a.getOrDefault("instances", "1000"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "500"));
        int savePoints = Integer.parseInt(a.getOrDefault("save-points", "9"));
        String history = a.getOrDefault("history", "full");
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        int acquisition = Integer.parseInt(a.getOrDefault("acquisition", "10"));
        int waitMs = Integer.parseInt(a.getOrDefault("wait-ms", "100"));
        int pool = Integer.parseInt(a.getOrDefault("pool", "10"));

        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbc);
        hikari.setUsername(a.getOrDefault("user", "postgres"));
        hikari.setPassword(a.getOrDefault("password", ""));
        hikari.setMaximumPoolSize(pool);
        hikari.setAutoCommit(false);
        try (HikariDataSource dataSource = new HikariDataSource(hikari)) {
            DefaultJobExecutor executor = new DefaultJobExecutor();
            executor.setCorePoolSize(threads);
            executor.setMaxPoolSize(threads);
            executor.setQueueSize(20);
            executor.setMaxJobsPerAcquisition(acquisition);
            executor.setWaitTimeInMillis(waitMs);
            executor.setMaxWait(2000);
            ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                    .createStandaloneProcessEngineConfiguration();
            configuration.setDataSource(dataSource);
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
            configuration.setHistory(history);
            configuration.setJobExecutor(executor);
            configuration.setJobExecutorActivate(true);
            configuration.setMetricsEnabled(false);
            configuration.setProcessEngineName("baseline");
            ProcessEngine engine = configuration.buildProcessEngine();
            try {
                engine.getRepositoryService().createDeployment().addModelInstance("baseline.bpmn", model(savePoints))
                        .enableDuplicateFiltering(true).deploy();
                batch(engine, dataSource, "warmup", warmup);
                double throughput = batch(engine, dataSource, "measured", instances);
                System.out.printf("== bare engine: %d save points, history %s, job threads %d, %d jobs per acquisition,"
                                + " wait %d ms, pool %d%n", savePoints, history, threads, acquisition, waitMs, pool);
                System.out.printf("%d instances after %d warm-up: %.2f instances/s completed%n", instances, warmup,
                        throughput);
                System.out.printf("RESULT label=engine save_points=%d history=%s throughput=%.2f%n", savePoints,
                        history, throughput);
            } finally {
                engine.close();
            }
        }
    }

    private static BpmnModelInstance model(int savePoints) {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("baseline").camundaHistoryTimeToLive(1)
                .startEvent();
        for (int i = 1; i <= savePoints; i++) {
            flow = flow.serviceTask("task" + i).camundaAsyncBefore().camundaExpression("${true}");
        }
        return flow.endEvent().done();
    }

    private static double batch(ProcessEngine engine, HikariDataSource dataSource, String name, int count)
            throws Exception {
        String prefix = name + "-" + System.nanoTime() + "-";
        long started = System.currentTimeMillis();
        ExecutorService starters = Executors.newFixedThreadPool(4);
        for (int i = 0; i < count; i++) {
            String key = prefix + i;
            starters.execute(() -> engine.getRuntimeService().startProcessInstanceByKey("baseline", key));
        }
        starters.shutdown();
        starters.awaitTermination(1, TimeUnit.HOURS);
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(30);
        while (engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("baseline").count() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the bare engine did not finish " + name + " in 30 minutes");
            }
            Thread.sleep(200);
        }
        if (!"full".equals(engine.getProcessEngineConfiguration().getHistory())
                && !"audit".equals(engine.getProcessEngineConfiguration().getHistory())) {
            // Without history the instances leave no times behind; the wall clock (polled every 200 ms) stands in.
            return count / ((System.currentTimeMillis() - started) / 1000.0);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MIN(start_time_), MAX(end_time_), COUNT(*) FROM act_hi_procinst"
                     + " WHERE business_key_ LIKE '" + prefix + "%'")) {
            r.next();
            Timestamp first = r.getTimestamp(1);
            Timestamp last = r.getTimestamp(2);
            c.commit();
            return r.getLong(3) / ((last.getTime() - first.getTime()) / 1000.0);
        }
    }
}
