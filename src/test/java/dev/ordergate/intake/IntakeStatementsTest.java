package dev.ordergate.intake;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.IntegrationTest;
import dev.ordergate.SqlStatements;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a channel waits for: the statements the intake sends its database while the request is open (issue 15: intake
 * p99 at half the node's rate). Counted on the calling thread, so the job executor beside it adds nothing; a change
 * that adds a statement or a commit to the intake fails here.
 */
@IntegrationTest
class IntakeStatementsTest {

    @Autowired
    OrderIntake intake;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewOrderIsTakenInWithSeventeenStatementsAndOneCommit() throws Exception {
        // The node has decided the region of an order like this one before (as every node has after its first orders).
        intake.receive(json.readValue(sample(uniqueRef()), Order.class));
        Order order = json.readValue(sample(uniqueRef()), Order.class);

        var taken = SqlStatements.on(() -> intake.receive(order));

        assertThat(taken.result().created()).isTrue();
        // 29 statements in 25 round trips and 2 commits before (2026-12-07): the region's decision in a transaction of
        // its own with its history (6 rows), the order's process attached by an update, the order read back twice,
        // the status event reading the order, the variables' value history and the first job's log entry. Now: the
        // duplicate check; in one transaction the region's decision (its latest version, whose outcome for these inputs
        // the node keeps: no evaluation), the process start (definition,
        // job definition, execution, 2 variables, the cancellation's subscription, the first job; history: instance, 2
        // activities, 2 variables), the order, its milestone, its status event: 17 in 15 round trips. Since the order
        // process calls order-validation (issue 17), the process start also starts the called instance up to its first
        // save point (the master-data gate): its execution, its 2 variables, its instance and activities in history,
        // 10 statements more (27 in 16). Winning them back means a save point on 'Validate the order' (a sixth job per
        // order) or none on the master-data gate (its failures would then show at the call activity).
        assertThat(taken.count()).as("by text: %s", taken.texts())
                .isEqualTo(new SqlStatements.Count(27, 16, 1));
        // What the channel is answered is what was stored.
        var answered = taken.result().order();
        assertThat(answered.status()).isEqualTo(OrderStatus.RECEIVED);
        assertThat(answered.milestones()).extracting(m -> m.milestone()).containsExactly(OrderStatus.RECEIVED);
        assertThat(jdbc.sql("SELECT process_instance_id FROM app.orders WHERE id = :id").param("id", answered.id())
                .query(String.class).single()).isEqualTo(answered.processInstanceId()).isNotNull();
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
