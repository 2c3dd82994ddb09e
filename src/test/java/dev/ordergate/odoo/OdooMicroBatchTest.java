package dev.ordergate.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Orders that reach the same Odoo write together share one call; a refused batch falls back to one call per order so
 * that only the bad order fails, with its own refusal; a lost answer is never re-sent, order by order, as if refused.
 * Counts, not times: the window is long enough that all callers meet in it even on a loaded machine.
 */
class OdooMicroBatchTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);

    private final ExecutorService callers = Executors.newFixedThreadPool(50);
    private final AtomicInteger together = new AtomicInteger();
    private final AtomicInteger alone = new AtomicInteger();
    private final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void fiftyOrdersThatQueueAtTheSameWriteMakeOneCallAndEachGetsItsOwnAnswer() throws Exception {
        OdooMicroBatch<Integer, Integer> batch = new OdooMicroBatch<>(WINDOW, 50, inputs -> {
            together.incrementAndGet();
            batchSizes.add(inputs.size());
            return inputs.stream().map(input -> input * 10).toList();
        }, input -> {
            alone.incrementAndGet();
            return input * 10;
        });

        List<Object> answers = submitAll(batch, 50);

        assertThat(answers).allSatisfy(answer -> assertThat(answer).isInstanceOf(Integer.class));
        for (int i = 0; i < 50; i++) {
            assertThat(answers.get(i)).as("order %s's answer", i).isEqualTo(i * 10);
        }
        // The fiftieth order fills the batch: it goes at once, without waiting for the window.
        assertThat(together.get()).as("batched calls").isEqualTo(1);
        assertThat(batchSizes).containsExactly(50);
        assertThat(alone.get()).as("single calls").isZero();
    }

    @Test
    void aRefusedBatchGoesOneOrderAtATimeAndOnlyTheBadOrderMeetsItsRefusal() throws Exception {
        OdooBusinessException refusal = new OdooBusinessException("Order 3: the customer is archived");
        OdooMicroBatch<Integer, Integer> batch = new OdooMicroBatch<>(WINDOW, 5, inputs -> {
            together.incrementAndGet();
            throw new OdooBusinessException("Order 3: the customer is archived");
        }, input -> {
            alone.incrementAndGet();
            if (input == 3) {
                throw refusal;
            }
            return input * 10;
        });

        List<Object> answers = submitAll(batch, 5);

        assertThat(answers.get(3)).isSameAs(refusal);
        for (int i : List.of(0, 1, 2, 4)) {
            assertThat(answers.get(i)).as("order %s's answer", i).isEqualTo(i * 10);
        }
        assertThat(together.get()).isEqualTo(1);
        assertThat(alone.get()).as("one call per order after the refusal").isEqualTo(5);
    }

    @Test
    void aLostAnswerFailsEveryOrderAsRetryableAndIsNeverSentAgainOrderByOrder() throws Exception {
        OdooTransportException lost = new OdooTransportException("Read timed out", null);
        OdooMicroBatch<Integer, Integer> batch = new OdooMicroBatch<>(WINDOW, 5, inputs -> {
            together.incrementAndGet();
            throw lost;
        }, input -> {
            alone.incrementAndGet();
            return input;
        });

        List<Object> answers = submitAll(batch, 5);

        assertThat(answers).allSatisfy(answer -> assertThat(answer).isSameAs(lost));
        assertThat(lost.isRetryable()).isTrue();
        assertThat(together.get()).isEqualTo(1);
        assertThat(alone.get()).as("Odoo may have done the batch: nothing is sent again here").isZero();
    }

    /** Submits 0..count-1 from as many threads at once; answers each result or the exception it threw. */
    private List<Object> submitAll(OdooMicroBatch<Integer, Integer> batch, int count) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int input = i;
            futures.add(callers.submit(() -> {
                start.await();
                try {
                    return batch.submit(input);
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        start.countDown();
        List<Object> answers = new ArrayList<>();
        for (Future<Object> future : futures) {
            answers.add(future.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }
}
