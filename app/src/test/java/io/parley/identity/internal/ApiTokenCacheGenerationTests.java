package io.parley.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Entries read from the database before a change must not count after it (no Spring needed). */
class ApiTokenCacheGenerationTests {

  private final ApiTokenCache cache = new ApiTokenCache(Duration.ofMinutes(5));

  @Test
  void aCachedEntryIsGoneAfterAChange() {
    cache.put("hash", entry(cache.generation()));
    assertThat(cache.get("hash")).isNotNull();

    cache.changed();

    assertThat(cache.get("hash")).isNull();
  }

  @Test
  void anEntryReadBeforeAChangeButStoredAfterItDoesNotCount() {
    long readAt = cache.generation(); // an authentication starts reading the token...
    cache.changed(); // ...a revocation is flushed and committed meanwhile...
    cache.put("hash", entry(readAt)); // ...and the stale result arrives in the cache afterwards

    assertThat(cache.get("hash")).isNull();
  }

  @Test
  void anEntryReadWhileTheChangingTransactionWasOpenDoesNotSurviveItsCommit() {
    TransactionSynchronizationManager.initSynchronization();
    try {
      cache.changed(); // flushed, not yet committed
      long readAt = cache.generation(); // a concurrent read still sees the old row
      cache.put("hash", entry(readAt));
      assertThat(cache.get("hash")).isNotNull();

      for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
        s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
      }

      assertThat(cache.get("hash")).isNull();
    } finally {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  private static ApiTokenCache.Entry entry(long generation) {
    return new ApiTokenCache.Entry(
        1L,
        null,
        new CurrentUser(new UserId(7L), "li.na", "Li Na", Role.AGENT, Set.of()),
        Instant.now(),
        generation);
  }
}
