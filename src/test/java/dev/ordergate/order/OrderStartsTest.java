package dev.ordergate.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.IntegrationTest;
import dev.ordergate.TestOrders;
import dev.ordergate.fulfillment.OrderCancellations;
import dev.ordergate.region.Regions;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The start of an order's process after its answer (issue 15): owed in {@code app.order_starts}, made exactly once
 * whoever makes it (the start right after the answer, the sweep on any node, a cancellation that came first), never
 * lost when a start fails or a node dies before it.
 */
@IntegrationTest
class OrderStartsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    OrderStarts starts;
    @Autowired
    Orders orders;
    @Autowired
    OrderCancellations cancellations;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theRegionVariableIsTheOneRegionsReads() {
        assertThat(OrderProcess.REGION).isEqualTo(Regions.VARIABLE);
    }

    @Test
    void startsOwedByANodeThatDiedAreMadeOnceThoughTwoSweepsRunAtOnce() throws Exception {
        // Orders stored and answered whose node died before starting their processes: only the requests remain.
        List<Order> owed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            owed.add(owedOrder());
        }

        var go = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> sweepAfter(go));
        var second = CompletableFuture.supplyAsync(() -> sweepAfter(go));
        go.countDown();
        int started = first.get() + second.get();

        // Each order started by one of the two sweeps, none by both.
        assertThat(started).isEqualTo(7);
        for (Order order : owed) {
            // From history: a process that already ran to its end (a gate's rejection) counts as started too.
            var instances = processesOf(order);
            assertThat(instances).as(order.businessKey()).hasSize(1);
            var stored = orders.findByBusinessKey(order.businessKey()).orElseThrow();
            assertThat(stored.processInstanceId()).isEqualTo(instances.get(0));
            assertThat(variable(instances.get(0), OrderProcess.ORDER_ID)).isEqualTo(stored.id());
            assertThat(variable(instances.get(0), OrderProcess.REGION)).isEqualTo("us");
            assertThat(owedFor(stored.id())).isZero();
        }
        // Nothing left to start: a sweep after that starts nothing again.
        assertThat(starts.startWaiting(Duration.ZERO)).isZero();
    }

    @Test
    void theBackgroundStartTakesWhatQueuedAndStartsEachOrderOnce() throws Exception {
        var background = new OrderStarts(jdbc, runtime, orders, Clock.systemUTC(), transactions,
                OrderStarts.Mode.BACKGROUND, Duration.ofSeconds(5));
        try {
            List<Order> received = new ArrayList<>();
            // Twelve orders in one transaction (as an EDI interchange brings several): their starts follow its commit.
            tx.executeWithoutResult(status -> {
                for (int i = 0; i < 12; i++) {
                    Order order = storedOrder();
                    background.request(orders.findByBusinessKey(order.businessKey()).orElseThrow().id(),
                            order.businessKey(), "us");
                    received.add(order);
                }
            });
            // Within seconds, from the commit (the tests run no sweep: start-sweep PT1H).
            for (Order order : received) {
                await().atMost(Duration.ofSeconds(20)).until(() -> orders.findByBusinessKey(order.businessKey()).orElseThrow()
                        .processInstanceId() != null);
                assertThat(processesOf(order)).as(order.businessKey()).hasSize(1);
            }
        } finally {
            background.destroy();
        }
    }

    @Test
    void startsThatFailStayOwedWithTheirErrorsAndAreMadeWhenTheyCan() throws Exception {
        List<Order> owed = List.of(owedOrder(), owedOrder());
        List<String> ids = owed.stream().map(o -> orders.findByBusinessKey(o.businessKey()).orElseThrow().id()).toList();
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY)
                .latestVersion().singleResult().getId();
        repository.suspendProcessDefinitionById(definition);
        try {
            // Both in one batch: the batch fails, then each is tried alone and fails alone, and says why.
            assertThat(starts.startNow(ids)).isZero();
            // A cancellation meanwhile has no process to go through: refused for now, nothing changed.
            assertThat(cancellations.request(ids.get(1), "Ordered twice"))
                    .isEqualTo(OrderCancellations.Outcome.NOT_STARTED);
        } finally {
            repository.activateProcessDefinitionById(definition);
            // Suspending the definition suspended its job definitions too, and jobs that other tests' running orders
            // created meanwhile were created suspended: activate them with their job definitions.
            management.createJobDefinitionQuery().processDefinitionId(definition).list()
                    .forEach(d -> management.activateJobDefinitionById(d.getId(), true));
        }
        assertThat(management.createJobQuery().processDefinitionId(definition).suspended().count())
                .as("jobs left suspended").isZero();

        for (int i = 0; i < ids.size(); i++) {
            var request = jdbc.sql("SELECT attempts, last_error, next_attempt_at FROM app.order_starts WHERE order_id = :id")
                    .param("id", ids.get(i)).query().singleRow();
            assertThat(((Number) request.get("attempts")).intValue()).isEqualTo(i + 1);
            assertThat((String) request.get("last_error")).contains("suspended");
            assertThat(request.get("next_attempt_at")).as("backed off").isNotNull();
            assertThat(orders.find(ids.get(i)).orElseThrow().status()).isEqualTo(OrderStatus.RECEIVED);
        }
        for (Order order : owed) {
            assertThat(processesOf(order)).isEmpty();
        }
        // Backed off: the next sweep leaves them (and goes on with any other request behind them).
        assertThat(starts.startWaiting(Duration.ZERO)).isZero();

        // Once their next attempt is due, the sweep starts them.
        jdbc.sql("UPDATE app.order_starts SET next_attempt_at = :past WHERE order_id IN (:ids)")
                .param("past", OffsetDateTime.now().minusSeconds(1)).param("ids", ids).update();
        assertThat(starts.startWaiting(Duration.ZERO)).isEqualTo(2);

        for (int i = 0; i < owed.size(); i++) {
            assertThat(processesOf(owed.get(i))).hasSize(1);
            assertThat(owedFor(ids.get(i))).isZero();
        }
    }

    @Test
    void aCancellationBeforeTheStartStartsTheProcessAndCancelsIt() throws Exception {
        Order order = owedOrder();
        String id = orders.findByBusinessKey(order.businessKey()).orElseThrow().id();

        var outcome = cancellations.request(id, "Ordered twice");

        assertThat(outcome).isEqualTo(OrderCancellations.Outcome.CANCELLING);
        assertThat(owedFor(id)).isZero();
        await().atMost(PATIENCE).until(() -> orders.find(id).orElseThrow().status() == OrderStatus.CANCELLED);
        // The sweep finds nothing of it afterwards: the order has had its one process.
        starts.startWaiting(Duration.ZERO);
        assertThat(processesOf(order)).hasSize(1);
    }

    /** The order's order-fulfillment processes, running or ended. */
    private List<String> processesOf(Order order) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(order.businessKey())
                .processDefinitionKey(OrderProcess.KEY).list().stream().map(p -> p.getId()).toList();
    }

    private Object variable(String processInstanceId, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name)
                .singleResult().getValue();
    }

    private int sweepAfter(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return starts.startWaiting(Duration.ZERO);
    }

    /** An order stored and answered whose start is owed, as a node that died right after the commit leaves it. */
    private Order owedOrder() {
        return tx.execute(status -> {
            Order order = storedOrder();
            jdbc.sql("""
                    INSERT INTO app.order_starts (order_id, business_key, region, requested_at)
                    SELECT id, business_key, region, :at FROM app.orders WHERE business_key = :key
                    """).param("key", order.businessKey()).param("at", OffsetDateTime.now()).update();
            return order;
        });
    }

    /** An order stored as the intake stores it (TestOrders.stored: Acme, US region), without its start. */
    private Order storedOrder() {
        String id = TestOrders.stored(orders, "US", TestOrders.line("1", "FURN_0269", "1", "299.00"));
        return orders.find(id).orElseThrow().order();
    }

    private long owedFor(String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM app.order_starts WHERE order_id = :id").param("id", orderId)
                .query(Long.class).single();
    }
}
