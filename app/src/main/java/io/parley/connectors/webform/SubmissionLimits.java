package io.parley.connectors.webform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * How many submissions one address may make to one form in an hour, counted in memory on this node
 * (a window that opens with the address's first submission). Enough to stop a script flooding a
 * form; across nodes each counts its own share.
 */
@Component
class SubmissionLimits {

  private final Cache<String, AtomicInteger> counts =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

  /** Counts one submission; false when the address already made {@code perHour} of them. */
  boolean allow(long account, String address, int perHour) {
    AtomicInteger count = counts.get(account + "|" + address, k -> new AtomicInteger());
    return count.incrementAndGet() <= perHour;
  }
}
