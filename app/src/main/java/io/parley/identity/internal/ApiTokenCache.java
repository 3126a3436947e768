package io.parley.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.identity.CurrentUser;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * API tokens recently found valid, by the SHA-256 hash of their secret, so that API requests do not
 * each read the token and its user from the database. Entries live for a short time ({@code
 * parley.identity.api-token-cache-ttl}, 30 s by default).
 *
 * <p>Any change to a user or a token on this node (revocation, deactivation, new brands or role, a
 * new display name) makes every entry stale at once: each entry carries the generation it was
 * loaded in, and {@link #changed()} moves the generation on when the change is flushed and again
 * when its transaction ends. An entry loaded from a database read that began before the change was
 * committed therefore never counts after the commit. On other nodes a revocation takes effect
 * within the TTL.
 */
@Component
class ApiTokenCache {

  /** What a valid token stood for when it was read, and in which generation. */
  static final class Entry {
    final long tokenId;
    final Instant expiresAt;
    final CurrentUser user;
    final long generation;
    volatile Instant lastUsedAt;

    Entry(long tokenId, Instant expiresAt, CurrentUser user, Instant lastUsedAt, long generation) {
      this.tokenId = tokenId;
      this.expiresAt = expiresAt;
      this.user = user;
      this.lastUsedAt = lastUsedAt;
      this.generation = generation;
    }

    boolean isValid(Instant now) {
      return expiresAt == null || now.isBefore(expiresAt);
    }
  }

  private final Cache<String, Entry> entries;
  private final AtomicLong generation = new AtomicLong();

  @Autowired
  ApiTokenCache(IdentityProperties properties) {
    this(properties.apiTokenCacheTtl());
  }

  ApiTokenCache(Duration ttl) {
    this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
  }

  /** The generation to stamp on an entry; read it before reading the token from the database. */
  long generation() {
    return generation.get();
  }

  /** The entry for a token hash, if cached and no user or token has changed since it was read. */
  Entry get(String tokenHash) {
    Entry entry = entries.getIfPresent(tokenHash);
    if (entry == null) {
      return null;
    }
    if (entry.generation != generation.get()) {
      entries.asMap().remove(tokenHash, entry);
      return null;
    }
    return entry;
  }

  void put(String tokenHash, Entry entry) {
    entries.put(tokenHash, entry);
  }

  void forget(String tokenHash) {
    entries.invalidate(tokenHash);
  }

  /**
   * A user or a token changed: no cached entry counts any more, now and again after the change's
   * transaction has ended (so that nothing read before the commit survives it).
   */
  void changed() {
    generation.incrementAndGet();
    entries.invalidateAll();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              generation.incrementAndGet();
              entries.invalidateAll();
            }
          });
    }
  }

  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }
}
