package dev.ordergate.ops;

import dev.ordergate.order.PeerAwaited;
import dev.ordergate.sync.OrdersWaiting;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How a failed job is retried. A job that failed because its peer could not be reached (open circuit, full bulkhead,
 * refused connection, HTTP 502/503/504) or refuses Ordergate's own credentials ({@link PeerAwaited}) waits for that
 * peer and keeps its retries: an outage the circuit breaker is riding out, or an API key an operator is replacing,
 * never spends an order's retry cycle, so it never becomes an incident. Every other failure spends one
 * retry on the task's cycle as before; when the peer that failed is not the one the task is drawn against (the tax
 * step calling Odoo), the job's error, and so an incident, names the peer that failed.
 */
@Component
class WaitForPeers extends AbstractProcessEnginePlugin {

    /** Looked up when a job fails: Peers reads the engine's models, and the engine is built with this plugin. */
    private final ObjectProvider<Peers> peers;

    WaitForPeers(ObjectProvider<Peers> peers) {
        this.peers = peers;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(this::onFailure);
    }

    private Command<Object> onFailure(String jobId, Throwable failure) {
        Optional<OrdersWaiting.YieldToOrders> yielded = yielded(failure);
        if (yielded.isPresent()) {
            return new StepAside(jobId, yielded.get().after());
        }
        return unavailable(failure).<Command<Object>>map(peer -> new WaitForPeer(jobId, failure, peer))
                .orElseGet(() -> new NamingThePeer(jobId, failure, peers.getObject()));
    }

    static Optional<OrdersWaiting.YieldToOrders> yielded(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OrdersWaiting.YieldToOrders yielded) {
                return Optional.of(yielded);
            }
        }
        return Optional.empty();
    }

    static Optional<PeerAwaited> unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PeerAwaited unavailable && unavailable.waitFor() != null) {
                return Optional.of(unavailable);
            }
        }
        return Optional.empty();
    }

    /** A sync step that gave its worker to waiting orders: due again a little later, no retry spent, no error kept. */
    private record StepAside(String jobId, Duration after) implements Command<Object> {

        @Override
        public Object execute(CommandContext context) {
            JobEntity job = context.getJobManager().findJobById(jobId);
            if (job != null) {
                job.setLockOwner(null);
                job.setLockExpirationTime(null);
                job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + after.toMillis()));
            }
            return null;
        }
    }

    /** The default retry strategy, except that no retry is spent and the next attempt is due when the peer may be back. */
    private static final class WaitForPeer extends DefaultJobRetryCmd {

        private final PeerAwaited unavailable;

        WaitForPeer(String jobId, Throwable failure, PeerAwaited unavailable) {
            super(jobId, failure);
            this.unavailable = unavailable;
        }

        @Override
        protected boolean shouldDecrementRetriesFor(Throwable failure) {
            return false;
        }

        @Override
        public Object execute(CommandContext context) {
            super.execute(context);
            JobEntity job = getJob();
            if (job != null) {
                job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + unavailable.waitFor().toMillis()));
            }
            return null;
        }
    }

    /** The default retry strategy; the error it records names the peer that failed when that is not the task's own. */
    private static final class NamingThePeer extends DefaultJobRetryCmd {

        private final Peers peers;

        NamingThePeer(String jobId, Throwable failure, Peers peers) {
            super(jobId, failure);
            this.peers = peers;
        }

        @Override
        protected void logException(JobEntity job) {
            super.logException(job);
            String failed = Peers.failedIn(exception);
            String message = job.getExceptionMessage();
            if (failed != null && message != null && !Peers.named(message).equals(failed)
                    && !failed.equals(peers.of(job.getProcessDefinitionId(), job.getActivityId()))) {
                job.setExceptionMessage("Peer '" + failed + "' failed: " + message);
            }
        }
    }
}
