package dev.ordergate.order;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the processes of received orders, after the channel has its answer (issue 15: what a channel waits for is
 * the order stored, not the engine's first steps). The intake writes a start request beside the order
 * ({@code app.order_starts}, {@link #request}); once that commits, the request is claimed and the process started up
 * to its first save point, the order given its process id and the request deleted, all in one transaction.
 *
 * <p>Exactly once: a request is claimed {@code FOR UPDATE SKIP LOCKED} and deleted with the start, so of two nodes (or
 * the start right after the answer and the sweep) one starts the process and the other finds nothing. Nothing lost: a
 * request whose start failed, or whose node died before it, stays until {@link #startWaiting the sweep} (every
 * {@code ordergate.intake.start-sweep} on every node) starts it; a start that keeps failing counts its attempts and
 * keeps its error for operators ({@code ordergate.outbox.messages{outbox=order-starts}}).
 *
 * <p>{@code ordergate.intake.process-start}: {@code background} (the default) starts on a thread of its own, taking
 * whatever queued meanwhile (up to {@value #BATCH} orders) in one transaction; {@code inline} starts on the
 * caller's thread right after its commit, before the caller returns (the tests' setting: a test sees the process as
 * soon as the answer). Either way the start is the same transaction, from the same request row.
 */
@Component
public class OrderStarts implements DisposableBean {

    /** Orders started in one transaction by the background thread or the sweep. */
    static final int BATCH = 50;
    /** Orders one sweep starts at most. */
    static final int SWEPT = 500;
    /** Start requests the background thread holds before it leaves the rest to the sweep. */
    private static final int QUEUE = 10_000;
    private static final Logger log = LoggerFactory.getLogger(OrderStarts.class);

    public enum Mode { BACKGROUND, INLINE }

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final Orders orders;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final Mode mode;
    private final BlockingQueue<String> queued = new LinkedBlockingQueue<>(QUEUE);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ExecutorService starter;
    private final Duration sweepInterval;
    private volatile boolean stopping;

    public OrderStarts(JdbcClient jdbc, RuntimeService runtime, Orders orders, Clock clock, PlatformTransactionManager tm,
                @Value("${ordergate.intake.process-start:background}") Mode mode,
                @Value("${ordergate.intake.start-sweep:PT5S}") Duration sweepInterval) {
        this.jdbc = jdbc;
        this.sweepInterval = sweepInterval;
        this.runtime = runtime;
        this.orders = orders;
        this.clock = clock;
        this.mode = mode;
        // Its own transaction even when called from a commit's afterCommit, where the caller's is still bound.
        this.ownTransaction = new TransactionTemplate(tm);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.starter = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "order-starts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Owes the order its process: written in the caller's transaction, beside the order. The start follows the
     * caller's commit (in this mode's way); a rollback takes the request with the order.
     */
    public void request(String orderId, String businessKey, String region) {
        jdbc.sql("""
                INSERT INTO app.order_starts (order_id, business_key, region, requested_at)
                VALUES (:id, :key, :region, :now)
                """)
                .param("id", orderId).param("key", businessKey).param("region", region)
                .param("now", OffsetDateTime.now(clock)).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    startAfterCommit(orderId);
                }
            });
        } else {
            startAfterCommit(orderId);
        }
    }

    private void startAfterCommit(String orderId) {
        if (mode == Mode.INLINE) {
            try {
                startNow(List.of(orderId));
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                // The order is stored and will be answered: its start is owed and the sweep makes it.
                log.error("Order {}: its process did not start; the sweep tries again", orderId, e);
            }
            return;
        }
        if (!queued.offer(orderId)) {
            log.warn("Order {}: {} process starts queued already; the sweep starts this one", orderId, QUEUE);
            return;
        }
        drainIfIdle();
    }

    /** Hands the queue to the background thread unless it has it; never fails the caller (the sweep is behind). */
    private void drainIfIdle() {
        if (!stopping && !queued.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                starter.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                draining.set(false);
            }
        }
    }

    /** The background thread: whatever queued meanwhile, in batches, until nothing is left. */
    private void drain() {
        try {
            List<String> batch = new ArrayList<>(BATCH);
            while (!stopping && queued.drainTo(batch, BATCH) > 0) {
                startNow(batch);
                batch.clear();
            }
        } catch (RuntimeException e) {
            log.warn("Process starts interrupted; the sweep starts what is left: {}", e.toString());
        } finally {
            draining.set(false);
        }
        // A request queued after the last drainTo found nothing, but before the flag fell, is taken on here.
        drainIfIdle();
    }

    /**
     * Starts the process of these orders, if their requests are still there and no one else holds them: in one
     * transaction, and if that fails, one order per transaction, so one order that cannot start delays no other.
     * Answers how many this call started.
     */
    int startNow(List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return 0;
        }
        try {
            return ownTransaction.execute(status -> start(claim(orderIds)));
        } catch (RuntimeException batchFailed) {
            if (orderIds.size() == 1) {
                failed(orderIds.get(0), batchFailed);
                return 0;
            }
            int started = 0;
            for (String id : orderIds) {
                started += startNow(List.of(id));
            }
            return started;
        }
    }

    /**
     * The sweep: starts requests older than a sweep's interval (the start right after the answer had its chance), a
     * batch at a time, on every node; {@code SKIP LOCKED} keeps nodes off each other's.
     */
    @Scheduled(fixedDelayString = "${ordergate.intake.start-sweep:PT5S}",
            initialDelayString = "${ordergate.intake.start-sweep:PT5S}")
    void sweep() {
        startWaiting(sweepInterval);
    }

    /**
     * Starts requests older than {@code age}, up to {@value #SWEPT} a call (the sweep shares the scheduler's thread
     * with the outboxes; the next sweep takes the rest); answers how many it started.
     */
    int startWaiting(Duration age) {
        int started = 0;
        for (int round = 0; round < SWEPT / BATCH; round++) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<String> due = jdbc.sql("""
                    SELECT order_id FROM app.order_starts
                     WHERE requested_at <= :before AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                     ORDER BY requested_at LIMIT :limit
                    """)
                    .param("before", now.minus(age)).param("now", now).param("limit", BATCH)
                    .query(String.class).list();
            int startedNow = startNow(due);
            started += startedNow;
            // Fewer than a batch: nothing more is due. None started: the rest is locked by another node's start.
            if (due.size() < BATCH || startedNow == 0) {
                break;
            }
        }
        return started;
    }

    /**
     * Makes sure the order's process has started before the caller looks for it (a cancellation that arrives before
     * the start): starts it here if its request is still there, waiting for a start under way elsewhere to commit.
     * Answers false when the start is still owed because it failed (kept with its error, like any failed start).
     */
    public boolean ensureStarted(String orderId) {
        try {
            ownTransaction.executeWithoutResult(status -> start(jdbc.sql("""
                    SELECT order_id, business_key, region FROM app.order_starts WHERE order_id = :id FOR UPDATE
                    """).param("id", orderId).query(Request.class).list()));
            return true;
        } catch (RuntimeException e) {
            failed(orderId, e);
            return false;
        }
    }

    private record Request(String orderId, String businessKey, String region) {
    }

    private List<Request> claim(List<String> orderIds) {
        return jdbc.sql("""
                SELECT order_id, business_key, region FROM app.order_starts WHERE order_id IN (:ids)
                   FOR UPDATE SKIP LOCKED
                """).param("ids", orderIds).query(Request.class).list();
    }

    private int start(List<Request> claimed) {
        for (Request request : claimed) {
            var instance = runtime.startProcessInstanceByKey(OrderProcess.KEY, request.businessKey(),
                    Map.of(OrderProcess.ORDER_ID, request.orderId(), OrderProcess.REGION, request.region()));
            orders.attachProcess(request.orderId(), instance.getId());
        }
        if (!claimed.isEmpty()) {
            jdbc.sql("DELETE FROM app.order_starts WHERE order_id IN (:ids)")
                    .param("ids", claimed.stream().map(Request::orderId).toList()).update();
        }
        return claimed.size();
    }

    /**
     * Keeps a failed start's error and backs it off: tried again after one sweep interval, doubling up to 64, so
     * requests that keep failing neither hold up the sweep nor flood the log.
     */
    private void failed(String orderId, RuntimeException e) {
        log.error("Order {}: its process did not start; tried again later: {}", orderId, e.toString(), e);
        try {
            ownTransaction.executeWithoutResult(status -> {
                int attempts = jdbc.sql("SELECT attempts FROM app.order_starts WHERE order_id = :id FOR UPDATE")
                        .param("id", orderId).query(Integer.class).optional().orElse(0) + 1;
                jdbc.sql("""
                                UPDATE app.order_starts SET attempts = :attempts, last_error = :error, next_attempt_at = :next
                                 WHERE order_id = :id
                                """)
                        .param("attempts", attempts)
                        .param("error", Texts.clip(e.getClass().getSimpleName() + ": " + e.getMessage(), 1000))
                        .param("next", OffsetDateTime.now(clock).plus(sweepInterval.multipliedBy(1L << Math.min(attempts - 1, 6))))
                        .param("id", orderId).update();
            });
        } catch (RuntimeException notRecorded) {
            log.warn("Order {}: the failed start was not recorded: {}", orderId, notRecorded.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        // What is still queued is still in app.order_starts: the next node's sweep starts it.
        stopping = true;
        starter.shutdown();
        starter.awaitTermination(10, TimeUnit.SECONDS);
    }
}
