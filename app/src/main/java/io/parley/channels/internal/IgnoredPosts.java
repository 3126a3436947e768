package io.parley.channels.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.channels.ConnectorAccount;
import jakarta.annotation.PreDestroy;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts the listened posts no rule matched. They leave no row, so they are counted in memory (and
 * as the metric {@code parley.inbound.ignored}, by channel type and account), and each node adds
 * its counts to a per-account, per-day row every few seconds and when it stops: an intake never
 * waits for the counter row another intake holds. The account's health page shows them. Posts are
 * filed under the day of the flush that writes them (at most one interval late). A post read again
 * (a poll re-reading a while back for late arrivals, a stream's resend) leaves no row to be
 * recognised by: each node remembers the last {@value #RECENT} it ignored per account, so such a
 * post is neither classified nor counted again; one read again on another node, or after a restart,
 * is counted again.
 */
@Component
class IgnoredPosts {

  private static final Logger log = LoggerFactory.getLogger(IgnoredPosts.class);

  private final JdbcTemplate jdbc;
  private final ObjectProvider<MeterRegistry> meters;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Map<Long, LongAdder> pending = new ConcurrentHashMap<>();

  /**
   * Held while a flush moves counts from memory to the database, so that a reader never sees them
   * in neither place; counting takes no lock.
   */
  private final java.util.concurrent.locks.ReadWriteLock moving =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  static final int RECENT = 2000;

  /** The external ids each account ignored last on this node, oldest first. */
  private final Map<Long, Map<String, Boolean>> recent = new ConcurrentHashMap<>();

  /** The metric's counter of each account, looked up once (a lookup per post built its id). */
  private final Map<Long, Counter> counters = new ConcurrentHashMap<>();

  IgnoredPosts(
      JdbcTemplate jdbc,
      ObjectProvider<MeterRegistry> meters,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.jdbc = jdbc;
    this.meters = meters;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** Whether this node ignored the account's post {@code externalId} lately. */
  boolean ignoredLately(ConnectorAccount account, String externalId) {
    Map<String, Boolean> ids = recent.get(account.id().value());
    return ids != null && ids.containsKey(externalId);
  }

  /** Counts the account's post {@code externalId} as ignored, and remembers it. */
  void count(ConnectorAccount account, String externalId) {
    recent.computeIfAbsent(account.id().value(), id -> lastIgnored()).put(externalId, Boolean.TRUE);
    count(account);
  }

  private static Map<String, Boolean> lastIgnored() {
    return java.util.Collections.synchronizedMap(
        new java.util.LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT;
          }
        });
  }

  private void count(ConnectorAccount account) {
    pending.computeIfAbsent(account.id().value(), id -> new LongAdder()).increment();
    Counter counter = counters.computeIfAbsent(account.id().value(), id -> counterOf(account));
    if (counter != null) {
      counter.increment();
    }
  }

  private Counter counterOf(ConnectorAccount account) {
    MeterRegistry registry = meters.getIfAvailable();
    return registry == null
        ? null
        : registry.counter(
            "parley.inbound.ignored",
            "channel",
            account.type(),
            "account",
            String.valueOf(account.id().value()));
  }

  /** Posts of the account ignored in the last {@code days} days (UTC, today included). */
  long lastDays(long accountId, int days) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    moving.readLock().lock();
    try {
      Long stored =
          jdbc.queryForObject(
              "select coalesce(sum(posts), 0) from channels_ignored_day"
                  + " where account_id = ? and utc_day > ?",
              Long.class,
              accountId,
              Date.valueOf(today.minusDays(days)));
      LongAdder waiting = pending.get(accountId);
      return (stored == null ? 0 : stored) + (waiting == null ? 0 : waiting.sum());
    } finally {
      moving.readLock().unlock();
    }
  }

  /** Adds what this node counted since the last time to today's rows. */
  @Scheduled(fixedDelayString = "${parley.channels.ignored-flush:10s}")
  @PreDestroy
  void flush() {
    moving.writeLock().lock();
    try {
      flushHeld();
    } finally {
      moving.writeLock().unlock();
    }
  }

  private void flushHeld() {
    Date today = Date.valueOf(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    pending.forEach(
        (accountId, adder) -> {
          long posts = adder.sumThenReset();
          if (posts == 0) {
            return;
          }
          try {
            try {
              transaction.executeWithoutResult(s -> add(accountId, today, posts));
            } catch (DuplicateKeyException raced) {
              // Another node created the day's row first; it is there to add to now.
              transaction.executeWithoutResult(s -> add(accountId, today, posts));
            }
          } catch (RuntimeException e) {
            adder.add(posts); // counted again on the next flush
            log.warn("Counting ignored posts of account {} failed; retried", accountId, e);
          }
        });
  }

  private void add(long accountId, Date day, long posts) {
    if (jdbc.update(
            "update channels_ignored_day set posts = posts + ? where account_id = ? and utc_day = ?",
            posts,
            accountId,
            day)
        == 0) {
      jdbc.update(
          "insert into channels_ignored_day (account_id, utc_day, posts) values (?, ?, ?)",
          accountId,
          day,
          posts);
    }
  }
}
