package dev.ordergate.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooCompanyScope;
import dev.ordergate.odoo.client.OdooTransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Orders that reach the same Odoo write together share one call; a refused batch falls back to one call per order so
 * that only the bad order fails, with its own refusal; a lost answer is never re-sent, order by order, as if refused.
 * Counts, not times: the window is long enough that all callers meet in it even on a loaded machine.
 */
class OdooMicroBatchTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);
    /** The Odoo company of a caller's thread, as OdooCompanyScope would give it. */
    private static final ThreadLocal<Integer> COMPANY = new ThreadLocal<>();

    private final AtomicInteger together = new AtomicInteger();
    private final AtomicInteger alone = new AtomicInteger();
    private final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

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

    @Test
    void anOrderTheBatchsAnswerLeavesOutGoesAloneAndMeetsWhatItWouldAlone() throws Exception {
        OdooBusinessException nothingToInvoice = new OdooBusinessException("There is no invoiceable line");
        OdooMicroBatch<Integer, Integer> batch = new OdooMicroBatch<>(WINDOW, 5, inputs -> {
            together.incrementAndGet();
            // as Odoo's invoice wizard skips an order with nothing to invoice when others have something
            return inputs.stream().map(input -> input == 3 ? null : input * 10).toList();
        }, input -> {
            alone.incrementAndGet();
            throw nothingToInvoice;
        });

        List<Object> answers = submitAll(batch, 5);

        assertThat(answers.get(3)).isSameAs(nothingToInvoice);
        for (int i : List.of(0, 1, 2, 4)) {
            assertThat(answers.get(i)).as("order %s's answer", i).isEqualTo(i * 10);
        }
        assertThat(together.get()).isEqualTo(1);
        assertThat(alone.get()).as("only the order left out").isEqualTo(1);
    }

    @Test
    void ordersOfTwoOdooCompaniesNeverShareACall() throws Exception {
        // The call carries the sending thread's company: an order of another company must not ride along.
        OdooMicroBatch<Integer, Integer> batch = new OdooMicroBatch<>(WINDOW, 3, inputs -> {
            together.incrementAndGet();
            batchSizes.add(inputs.size());
            assertThat(inputs.stream().map(input -> input % 2).distinct()).as("one company per call").hasSize(1);
            return inputs.stream().map(input -> input * 10).toList();
        }, input -> {
            alone.incrementAndGet();
            return input * 10;
        }, () -> COMPANY.get());

        List<Object> answers = QueuedCalls.together(List.of(0, 1, 2, 3, 4, 5), input -> {
            COMPANY.set(input % 2 + 1);
            return batch.submit(input);
        });

        for (int i = 0; i < 6; i++) {
            assertThat(answers.get(i)).as("order %s's answer", i).isEqualTo(i * 10);
        }
        assertThat(batchSizes).containsExactly(3, 3);
    }

    /** Submits 0..count-1 from as many threads at once; answers each result or the exception it threw. */
    private static List<Object> submitAll(OdooMicroBatch<Integer, Integer> batch, int count) throws Exception {
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.add(i);
        }
        return QueuedCalls.together(inputs, batch::submit);
    }
}
