package io.parley.connectors.support;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses a signed callback whose timestamp is too far from now, or whose timestamp and nonce were
 * already seen within that window (a captured request sent again). Remembers at most {@code
 * capacity} recent nonces on this node. Shared by the connectors whose networks sign callbacks with
 * a timestamp and a nonce (WeChat, Weibo's fans service).
 */
public final class ReplayGuard {

  /** Why a callback was refused, or null. */
  public enum Verdict {
    FRESH,
    STALE,
    REPLAYED
  }

  private final Duration window;
  private final int capacity;
  private final Map<String, Instant> seen;

  public ReplayGuard(Duration window, int capacity) {
    this.window = window;
    this.capacity = capacity;
    this.seen =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > ReplayGuard.this.capacity;
          }
        };
  }

  /** {@code timestamp} in seconds, or milliseconds when it is that large. */
  public synchronized Verdict check(String timestamp, String nonce, Instant now) {
    Instant at;
    try {
      long value = Long.parseLong(timestamp.strip());
      at = value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    } catch (RuntimeException e) {
      return Verdict.STALE;
    }
    if (Duration.between(at, now).abs().compareTo(window) > 0) {
      return Verdict.STALE;
    }
    seen.values().removeIf(t -> t.isBefore(now.minus(window.multipliedBy(2))));
    if (seen.putIfAbsent(timestamp.strip() + ":" + nonce, now) != null) {
      return Verdict.REPLAYED;
    }
    return Verdict.FRESH;
  }
}
