package io.parley.connectors.webchat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Sliding one-minute windows per key (a visitor, an address), so one visitor or one machine cannot
 * flood an account's cases. Per node, in memory: across nodes each node allows the limit.
 */
@Component
class ChatRateLimits {

  private static final long WINDOW = Duration.ofMinutes(1).toMillis();

  private final Cache<String, Deque<Long>> windows =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(100_000).build();

  /**
   * Counts one request on {@code key} when fewer than {@code limit} happened in the last minute;
   * otherwise counts nothing and gives the seconds to wait.
   */
  OptionalLong take(String key, int limit) {
    long now = System.currentTimeMillis();
    Deque<Long> window = windows.get(key, k -> new ArrayDeque<>());
    synchronized (window) {
      while (!window.isEmpty() && window.peekFirst() <= now - WINDOW) {
        window.pollFirst();
      }
      if (window.size() >= limit) {
        long wait = window.peekFirst() + WINDOW - now;
        return OptionalLong.of(Math.max(1, (wait + 999) / 1000));
      }
      window.addLast(now);
      return OptionalLong.empty();
    }
  }
}
