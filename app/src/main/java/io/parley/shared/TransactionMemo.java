package io.parley.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers remembered for the current transaction only: a question that every message of a batch
 * asks again (a brand's default queue, a tier by its code, a customer's key) is answered once per
 * transaction, and forgotten when it ends. Outside a transaction nothing is remembered. Values may
 * be null (remembered as such).
 */
public final class TransactionMemo<K, V> {

  private static final Object NULL = new Object();

  /**
   * The answer for {@code key}: remembered from earlier in this transaction, else {@code load}'s.
   */
  @SuppressWarnings("unchecked")
  public V get(K key, Function<? super K, ? extends V> load) {
    Map<K, Object> known = known();
    if (known == null) {
      return load.apply(key);
    }
    Object value = known.get(key);
    if (value == null) {
      V loaded = load.apply(key);
      known.put(key, loaded == null ? NULL : loaded);
      return loaded;
    }
    return value == NULL ? null : (V) value;
  }

  /** Remembers {@code value} for {@code key} (read in bulk beforehand); nothing outside one. */
  public void put(K key, V value) {
    Map<K, Object> known = known();
    if (known != null) {
      known.put(key, value == null ? NULL : value);
    }
  }

  /** Forgets {@code key} for the rest of this transaction (it changed). */
  public void forget(K key) {
    Map<K, Object> known = known();
    if (known != null) {
      known.remove(key);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<K, Object> known() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Map<K, Object> known = (Map<K, Object>) TransactionSynchronizationManager.getResource(this);
    if (known == null) {
      Map<K, Object> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, fresh);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            // A transaction started inside this one (REQUIRES_NEW) suspends it: its answers are
            // put away meanwhile, so the inner transaction neither sees nor adds to them.
            @Override
            public void suspend() {
              TransactionSynchronizationManager.unbindResourceIfPossible(TransactionMemo.this);
            }

            @Override
            public void resume() {
              TransactionSynchronizationManager.bindResource(TransactionMemo.this, fresh);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(TransactionMemo.this);
            }
          });
      known = fresh;
    }
    return known;
  }
}
