package dev.ordergate.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A row is read once per transaction, kept as written, forgotten on demand, and never outlives its transaction. */
class TransactionKeptTest {

    private final TransactionKept<String, String> kept = new TransactionKept<>();
    private final AtomicInteger reads = new AtomicInteger();

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            complete();
        }
    }

    @Test
    void outsideATransactionEveryReadGoesToTheDatabase() {
        kept.get("o-1", this::read);
        kept.get("o-1", this::read);
        kept.keep("o-1", "written");

        assertThat(reads).hasValue(2);
        assertThat(kept.peek("o-1")).isEmpty();
    }

    @Test
    void withinATransactionARowIsReadOnceKeptAsWrittenAndReadAgainWhenForgotten() {
        TransactionSynchronizationManager.initSynchronization();

        assertThat(kept.get("o-1", this::read)).isEqualTo("o-1 read 1");
        assertThat(kept.get("o-1", this::read)).isEqualTo("o-1 read 1");
        kept.keep("o-1", "o-1 as written");
        assertThat(kept.get("o-1", this::read)).isEqualTo("o-1 as written");
        kept.forget("o-1");
        assertThat(kept.get("o-1", this::read)).isEqualTo("o-1 read 2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void theNextTransactionReadsAgain() {
        TransactionSynchronizationManager.initSynchronization();
        kept.get("o-1", this::read);
        complete();

        TransactionSynchronizationManager.initSynchronization();
        assertThat(kept.get("o-1", this::read)).isEqualTo("o-1 read 2");
    }

    private String read(String id) {
        return id + " read " + reads.incrementAndGet();
    }

    /** What the transaction manager does when a transaction ends. */
    private static void complete() {
        var synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        synchronizations.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
    }
}
