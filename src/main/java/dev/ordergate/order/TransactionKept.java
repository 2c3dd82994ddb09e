package dev.ordergate.order;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows kept for the rest of the current Spring transaction (bound to it, dropped when it completes), so a job whose
 * steps read the same row several times reads it once. Outside a transaction nothing is kept and every read goes to
 * the database. Whoever writes a kept row keeps what it wrote, or forgets it.
 *
 * @param <K> the row's key
 * @param <V> what is kept of it
 */
public final class TransactionKept<K, V> {

    /** The kept value, reading it with {@code read} the first time this transaction asks. */
    public V get(K key, Function<K, V> read) {
        Map<K, V> kept = kept();
        V known = kept == null ? null : kept.get(key);
        if (known != null) {
            return known;
        }
        V value = read.apply(key);
        if (kept != null && value != null) {
            kept.put(key, value);
        }
        return value;
    }

    /** What this transaction keeps of the row, if anything. */
    public Optional<V> peek(K key) {
        Map<K, V> kept = kept();
        return Optional.ofNullable(kept == null ? null : kept.get(key));
    }

    /** Keeps what this transaction just wrote. */
    public void keep(K key, V value) {
        Map<K, V> kept = kept();
        if (kept != null) {
            kept.put(key, value);
        }
    }

    /** The row changed in a way not kept here: the next read in this transaction goes to the database. */
    public void forget(K key) {
        Map<K, V> kept = kept();
        if (kept != null) {
            kept.remove(key);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> kept() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<K, V> kept = (Map<K, V>) TransactionSynchronizationManager.getResource(this);
        if (kept == null) {
            kept = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, kept);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TransactionKept.this);
                }
            });
        }
        return kept;
    }
}
