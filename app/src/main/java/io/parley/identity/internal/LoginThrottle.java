package io.parley.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after too many failed sign-ins for one user name, or from one
 * address, further attempts are refused until the lockout period has passed. Counters live in a
 * bounded in-memory cache, so a flood of made-up user names cannot exhaust memory.
 */
@Component
public class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private final int maxFailures;
  private final Cache<String, AtomicInteger> failures;

  LoginThrottle(IdentityProperties properties) {
    this.maxFailures = properties.loginMaxFailures();
    this.failures =
        Caffeine.newBuilder()
            .expireAfterWrite(properties.loginLockout())
            .maximumSize(100_000)
            .build();
  }

  /** Whether sign-in attempts for this user name or from this address are currently refused. */
  public boolean isLocked(String username, String address) {
    return count(userKey(username)) >= maxFailures
        // An address may host many honest users (an office behind NAT): allow it more tries.
        || count(addressKey(address)) >= maxFailures * 4;
  }

  public void recordFailure(String username, String address) {
    int byUser = increment(userKey(username));
    increment(addressKey(address));
    if (byUser == maxFailures) {
      log.warn("Sign-in for user name '{}' locked after {} failures", safe(username), byUser);
    }
  }

  public void recordSuccess(String username) {
    failures.invalidate(userKey(username));
  }

  private int count(String key) {
    AtomicInteger value = failures.getIfPresent(key);
    return value == null ? 0 : value.get();
  }

  private int increment(String key) {
    return failures.get(key, k -> new AtomicInteger()).incrementAndGet();
  }

  private static String userKey(String username) {
    return "u:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }

  /** User names typed by strangers go to the log; keep them short and on one line. */
  private static String safe(String username) {
    if (username == null) {
      return "";
    }
    String clean = username.replaceAll("[\\r\\n\\t]", "_");
    return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
  }
}
