package dev.ordergate.odoo;

import dev.ordergate.odoo.client.OdooAccessException;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooCompanyScope;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Odoo call for many orders: callers that submit within the window wait together; the first of them (the
 * leader) sends the call when the window closes or the batch is full, and each caller gets its own answer. When Odoo
 * refuses the batch (a refusal rolls its whole transaction back, so nothing of it was done) every member is sent
 * alone, so one bad order neither fails nor holds up the others and its own refusal reaches it, as the same
 * exception it would have met alone. When the answer is lost (transport, server, protocol) the outcome is unknown
 * for all members: each fails as retryable, and its retry finds what may have been done (the write was recorded as
 * attempted before it went out). A member the batch's answer leaves out (null: Odoo skipped it silently, as the
 * invoice wizard skips an order with nothing to invoice) is sent alone too, and meets there what it would alone.
 * Members meet only within one Odoo company ({@link OdooCompanyScope}): the leader's call carries its thread's
 * company, so an order of another company waits in a batch of its own.
 */
final class OdooMicroBatch<I, O> {

    private final Duration window;
    private final int maxSize;
    private final Function<List<I>, List<O>> together;
    private final Function<I, O> alone;
    private final Supplier<Integer> company;
    /** The batch open for members, per Odoo company of the calling thread (a null company is a key too). */
    private final Map<Integer, List<Member<I, O>>> open = new HashMap<>();

    private record Member<I, O>(I input, CompletableFuture<O> answer) {
    }

    OdooMicroBatch(Duration window, int maxSize, Function<List<I>, List<O>> together, Function<I, O> alone) {
        this(window, maxSize, together, alone, OdooCompanyScope::current);
    }

    /** {@code company}: the Odoo company of the calling thread, which members must share to meet. */
    OdooMicroBatch(Duration window, int maxSize, Function<List<I>, List<O>> together, Function<I, O> alone,
                   Supplier<Integer> company) {
        this.company = company;
        this.window = window;
        this.maxSize = Math.max(1, maxSize);
        this.together = together;
        this.alone = alone;
    }

    O submit(I input) {
        Member<I, O> me = new Member<>(input, new CompletableFuture<>());
        Integer company = this.company.get();
        List<Member<I, O>> batch;
        boolean leader;
        synchronized (this) {
            batch = open.computeIfAbsent(company, key -> new ArrayList<>());
            batch.add(me);
            leader = batch.size() == 1;
            if (batch.size() >= maxSize) {
                open.remove(company);
                notifyAll();
            }
        }
        if (leader) {
            awaitWindow(company, batch);
            send(batch);
        }
        try {
            return me.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Until the window closes or the batch fills up (a member that fills it closes it and wakes the leader). */
    private synchronized void awaitWindow(Integer company, List<Member<I, O>> batch) {
        long deadline = System.nanoTime() + window.toNanos();
        long remaining;
        while (open.get(company) == batch && (remaining = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (open.get(company) == batch) {
            open.remove(company);
        }
    }

    private void send(List<Member<I, O>> batch) {
        if (batch.size() == 1) {
            sendAlone(batch.get(0));
            return;
        }
        List<O> answers;
        try {
            answers = together.apply(batch.stream().map(Member::input).toList());
        } catch (RuntimeException e) {
            if (refused(e)) {
                batch.forEach(this::sendAlone);
            } else {
                batch.forEach(member -> member.answer().completeExceptionally(e));
            }
            return;
        } catch (Error e) {
            batch.forEach(member -> member.answer().completeExceptionally(e));
            throw e;
        }
        if (answers.size() != batch.size()) {
            OdooProtocolException wrong = new OdooProtocolException("A batch of " + batch.size() + " got "
                    + answers.size() + " answers", null);
            batch.forEach(member -> member.answer().completeExceptionally(wrong));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (answers.get(i) == null) {
                sendAlone(batch.get(i));
            } else {
                batch.get(i).answer().complete(answers.get(i));
            }
        }
    }

    private void sendAlone(Member<I, O> member) {
        try {
            member.answer().complete(alone.apply(member.input()));
        } catch (RuntimeException e) {
            member.answer().completeExceptionally(e);
        }
    }

    /** Odoo answered with a refusal: it rolled the call's transaction back, so none of the batch was done. */
    static boolean refused(RuntimeException e) {
        return e instanceof OdooBusinessException || e instanceof OdooAccessException
                || e instanceof OdooMissingRecordException || e instanceof OdooRequestException;
    }
}
