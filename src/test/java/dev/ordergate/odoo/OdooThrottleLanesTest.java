package dev.ordergate.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.odoo.client.OdooThrottle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Odoo's call budget with a price-list or master-data sync running: sync calls (the bulk lane) leave a slot to
 * orders and let an order call that is waiting go first. Asserted by who started in which order, never by time.
 */
class OdooThrottleLanesTest {

    private final ThreadLocal<OdooLane> lane = ThreadLocal.withInitial(() -> OdooLane.ORDERS);
    private final OdooThrottle throttle = new OdooThrottle(4, 0, Duration.ofSeconds(60), lane::get);
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());
    private final List<Call> calls = new ArrayList<>();

    @AfterEach
    void finishEveryCall() throws InterruptedException {
        for (Call call : calls) {
            call.finish.countDown();
        }
        for (Call call : calls) {
            call.thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void syncCallsLeaveOrdersASlotAndAWaitingOrderCallGoesBeforeAWaitingSyncCall() {
        assertThat(throttle.maxBulkCalls()).isEqualTo(3);
        Call sync1 = start("sync-1", OdooLane.BULK);
        Call sync2 = start("sync-2", OdooLane.BULK);
        Call sync3 = start("sync-3", OdooLane.BULK);
        await().until(() -> started.size() == 3);

        Call sync4 = start("sync-4", OdooLane.BULK);
        await().until(() -> throttle.waiting(OdooLane.BULK) == 1);
        assertThat(throttle.available()).as("the slot kept for orders stays free while a sync call waits").isEqualTo(1);

        Call order1 = start("order-1", OdooLane.ORDERS);
        await().until(() -> started.contains("order-1"));
        assertThat(throttle.available()).isZero();

        Call order2 = start("order-2", OdooLane.ORDERS);
        await().until(() -> throttle.waiting(OdooLane.ORDERS) == 1);

        sync1.finish.countDown();
        await().until(() -> started.contains("order-2"));
        assertThat(started).as("the freed slot went to the order call that came after the waiting sync call")
                .doesNotContain("sync-4");
        assertThat(throttle.waiting(OdooLane.BULK)).isEqualTo(1);

        order1.finish.countDown();
        await().until(() -> started.contains("sync-4"));
        List<String> order = List.copyOf(started);
        // The first three start together, in whatever order their threads get going.
        assertThat(order.subList(0, 3)).containsExactlyInAnyOrder("sync-1", "sync-2", "sync-3");
        assertThat(order.subList(3, order.size())).containsExactly("order-1", "order-2", "sync-4");

        sync2.finish.countDown();
        sync3.finish.countDown();
        sync4.finish.countDown();
        order2.finish.countDown();
        await().until(() -> throttle.available() == 4);
    }

    @Test
    void aSyncCallDoesNotStartWhileAnOrderCallWaitsEvenWhenTheSyncLaneHasRoom() {
        Call order1 = start("order-1", OdooLane.ORDERS);
        Call order2 = start("order-2", OdooLane.ORDERS);
        Call order3 = start("order-3", OdooLane.ORDERS);
        Call order4 = start("order-4", OdooLane.ORDERS);
        await().until(() -> started.size() == 4);
        Call order5 = start("order-5", OdooLane.ORDERS);
        await().until(() -> throttle.waiting(OdooLane.ORDERS) == 1);
        Call sync = start("sync", OdooLane.BULK);
        await().until(() -> throttle.waiting(OdooLane.BULK) == 1);

        order1.finish.countDown();
        await().until(() -> started.contains("order-5"));
        assertThat(started).doesNotContain("sync");

        order2.finish.countDown();
        await().until(() -> started.contains("sync"));
        assertThat(started).endsWith("order-5", "sync");

        for (Call call : List.of(order3, order4, order5, sync)) {
            call.finish.countDown();
        }
    }

    private Call start(String name, OdooLane callLane) {
        Call call = new Call(name, callLane);
        calls.add(call);
        call.thread.start();
        return call;
    }

    private final class Call {

        final CountDownLatch finish = new CountDownLatch(1);
        final Thread thread;

        Call(String name, OdooLane callLane) {
            thread = new Thread(() -> {
                lane.set(callLane);
                throttle.run(name, () -> {
                    started.add(name);
                    try {
                        finish.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
            }, name);
        }
    }
}
