package dev.ordergate.deploy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes every new deployment to app.deployments (who, when, which resources, the deployment id), whichever way it
 * came in: Modeler through /engine-rest, the ops API, or the application's own start-up (by "system"). It is an
 * engine deployer, so the row commits in the deployment's own transaction: no deployment without its audit row.
 */
@Component
class DeploymentAudit extends AbstractProcessEnginePlugin {

    record Entry(String deploymentId, String name, String source, String deployedBy, Instant deployedAt, List<String> resources) {
    }

    /** How the deployment on this thread came in, when it was not through /engine-rest (start-up, ops-api). */
    private static final ThreadLocal<String> CHANNEL = new ThreadLocal<>();

    private final JdbcClient jdbc;

    DeploymentAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs a deployment and records it as having come in by {@code channel}: start-up and the ops API deploy with the
     * source Camunda Modeler sends (so the engine's duplicate filter compares like with like), yet the audit says how
     * each one really came.
     */
    static <T> T as(String channel, java.util.function.Supplier<T> deployment) {
        CHANNEL.set(channel);
        try {
            return deployment.get();
        } finally {
            CHANNEL.remove();
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = new ArrayList<>();
        if (configuration.getCustomPostDeployers() != null) {
            deployers.addAll(configuration.getCustomPostDeployers());
        }
        deployers.add(this::record);
        configuration.setCustomPostDeployers(deployers);
    }

    private void record(DeploymentEntity deployment) {
        // Deployers also run when the engine re-reads a deployment into its cache; only new ones are audited.
        if (!deployment.isNew()) {
            return;
        }
        String user = Context.getCommandContext().getAuthenticatedUserId();
        jdbc.sql("""
                INSERT INTO app.deployments (deployment_id, name, source, deployed_by, deployed_at, resources)
                VALUES (:id, :name, :source, :by, :at, :resources)
                """)
                .param("id", deployment.getId())
                .param("name", deployment.getName())
                .param("source", CHANNEL.get() != null ? CHANNEL.get() : deployment.getSource())
                .param("by", user == null ? "system" : user)
                .param("at", Timestamp.from(deployment.getDeploymentTime().toInstant()))
                .param("resources", String.join(",", new TreeSet<>(deployment.getResources().keySet())))
                .update();
    }

    List<Entry> latest(int limit) {
        return jdbc.sql("SELECT * FROM app.deployments ORDER BY deployed_at DESC, id DESC LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new Entry(rs.getString("deployment_id"), rs.getString("name"), rs.getString("source"),
                        rs.getString("deployed_by"), rs.getTimestamp("deployed_at").toInstant(),
                        List.of(rs.getString("resources").split(","))))
                .list();
    }
}
