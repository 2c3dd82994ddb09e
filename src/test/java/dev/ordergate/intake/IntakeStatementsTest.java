package dev.ordergate.intake;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.IntegrationTest;
import dev.ordergate.SqlStatements;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderStarts;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import dev.ordergate.region.Regions;
import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a channel waits for: the statements the intake sends its database while the request is open (issue 15: intake
 * p99 at half the node's rate). Counted on the calling thread, so the job executor and the process's start beside it
 * add nothing; a change that adds a statement or a commit to the intake fails here. The intake here starts processes
 * in the background, as a node does (the shared test context starts them inline).
 */
@IntegrationTest
class IntakeStatementsTest {

    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Orders orders;
    @Autowired
    RuntimeService runtime;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Regions regions;

    OrderStarts background;
    OrderIntake intake;

    @BeforeEach
    void anIntakeThatStartsProcessesInTheBackground() {
        background = new OrderStarts(jdbc, runtime, orders, Clock.systemUTC(), transactions,
                OrderStarts.Mode.BACKGROUND, Duration.ofSeconds(5));
        intake = new OrderIntake(orders, background, tx, json, regions);
    }

    @AfterEach
    void stop() throws InterruptedException {
        background.destroy();
    }

    @Test
    void aNewOrderIsStoredWithSixStatementsAndOneCommitAndItsProcessStartsAfter() throws Exception {
        // The node has decided the region of an order like this one before (as every node has after its first orders).
        intake.receive(json.readValue(sample(uniqueRef()), Order.class));
        Order order = json.readValue(sample(uniqueRef()), Order.class);

        var taken = SqlStatements.on(() -> intake.receive(order));

        assertThat(taken.result().created()).isTrue();
        // 27 statements in 16 round trips before (2026-12-07): the process started in the request, up to the master-data
        // gate's save point in the called order-validation (2 instances, their variables, the first job, their history).
        // Now: the duplicate check; in one transaction the region's decision (its latest version, whose outcome for
        // these inputs the node keeps: no evaluation), the order, its milestone, its status event and its start owed:
        // 6 statements in 7 round trips (the commit is one).
        assertThat(taken.count()).as("by text: %s", taken.texts())
                .isEqualTo(new SqlStatements.Count(6, 7, 1));
        // What the channel is answered is what was stored.
        var answered = taken.result().order();
        assertThat(answered.status()).isEqualTo(OrderStatus.RECEIVED);
        assertThat(answered.milestones()).extracting(m -> m.milestone()).containsExactly(OrderStatus.RECEIVED);
        assertThat(answered.processInstanceId()).as("answered before its process starts").isNull();
        // Then its process starts, once, and the order carries it.
        await().atMost(Duration.ofSeconds(30)).until(() -> orders.find(answered.id()).orElseThrow().processInstanceId(),
                pi -> pi != null);
        String pi = orders.find(answered.id()).orElseThrow().processInstanceId();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(order.businessKey())
                .processDefinitionKey("order-fulfillment").list()).extracting(p -> p.getId()).containsExactly(pi);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.order_starts WHERE order_id = :id").param("id", answered.id())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app.status_events WHERE order_id = :id AND status = 'accepted'")
                .param("id", answered.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theSameOrderAgainIsAnsweredWithReadsOnly() throws Exception {
        Order order = json.readValue(sample(uniqueRef()), Order.class);
        intake.receive(order);

        var again = SqlStatements.on(() -> intake.receive(order));

        assertThat(again.result().created()).isFalse();
        // The duplicate check, then the order and its milestones to answer with; nothing written, nothing committed.
        assertThat(again.count()).as("by text: %s", again.texts()).isEqualTo(new SqlStatements.Count(3, 3, 0));
    }
}
