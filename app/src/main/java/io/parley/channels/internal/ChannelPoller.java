package io.parley.channels.internal;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.PollResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Polls the accounts whose connectors poll, each at most once at a time across nodes (a lease on
 * the account row). The cursor moves only after every message of a batch is stored, so a crash
 * brings the batch again and the idempotency guard drops what was already stored.
 */
@Component
class ChannelPoller {

  private static final Logger log = LoggerFactory.getLogger(ChannelPoller.class);
  private static final int MAX_BATCHES_PER_POLL = 20;

  /** Kept free at the end of a lease to store a batch after its files are fetched. */
  static final Duration STORE_TIME = Duration.ofSeconds(5);

  private final ChannelAccountRepository accounts;
  private final ConnectorRegistry registry;
  private final MissingParents parents;
  private final ChannelsProperties properties;
  private final ExecutorService pollers;

  ChannelPoller(
      ChannelAccountRepository accounts,
      ConnectorRegistry registry,
      MissingParents parents,
      ChannelsProperties properties) {
    this.accounts = accounts;
    this.registry = registry;
    this.parents = parents;
    this.properties = properties;
    this.pollers =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "parley-poller");
              t.setDaemon(true);
              return t;
            });
  }

  void pollDue() {
    List<String> types = registry.typesWith(Capability.POLL);
    if (types.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    for (Long id : accounts.findDueForPoll(types, now)) {
      Instant leased = now.plus(properties.pollLease());
      if (accounts.lease(id, now, leased) == 1) {
        try {
          pollers.execute(() -> poll(id, leased));
        } catch (RejectedExecutionException shuttingDown) {
          accounts.release(id, now);
        }
      }
    }
  }

  /**
   * One poll of one account leased until {@code leased}: batches until the network has nothing
   * more. Each batch's downloads end within the lease: the connector's own (its posts' files, by
   * its per-poll limit), then the files of the listened posts it makes cases, in what is left of
   * the lease less the time to store them ({@link #mediaUntil}).
   */
  void poll(Long id, Instant leased) {
    Instant next = Instant.now().plus(properties.pollInterval());
    try {
      Optional<ChannelAccount> found = accounts.findById(id);
      Optional<ChannelConnector> connector = found.flatMap(registry::connector);
      if (connector.isEmpty()) {
        return;
      }
      ChannelAccount account = found.get();
      ConnectorAccount view = registry.connectorAccount(account);
      int seconds = view.intSetting("pollSeconds", (int) properties.pollInterval().toSeconds());
      next = Instant.now().plus(Duration.ofSeconds(Math.max(1, seconds)));
      String cursor = account.getPollCursor();
      for (int batch = 0; batch < MAX_BATCHES_PER_POLL; batch++) {
        PollResult result = connector.get().poll(cursor);
        parents.ingestAllWithParents(connector.get(), view, result.messages(), mediaUntil(leased));
        if (result.nextCursor() != null && !result.nextCursor().equals(cursor)) {
          cursor = result.nextCursor();
          accounts.saveCursor(id, cursor);
        }
        leased = Instant.now().plus(properties.pollLease());
        accounts.renewLease(id, leased);
        if (!result.more()) {
          break;
        }
      }
      accounts.recordSuccess(id, Instant.now());
    } catch (ConnectorException e) {
      Instant now = Instant.now();
      Instant limited = e.retryAfter() == null ? null : now.plus(e.retryAfter());
      if (limited != null && limited.isAfter(next)) {
        next = limited;
      }
      log.warn("Polling account {} failed: {}", id, e.getMessage());
      accounts.recordError(id, now, InboundRecord.cut(e.getMessage(), 1000), limited);
    } catch (RuntimeException e) {
      log.error("Polling account {} failed", id, e);
      accounts.recordError(id, Instant.now(), InboundRecord.cut(e.toString(), 1000), null);
    } finally {
      accounts.release(id, next);
    }
  }

  /**
   * Until when a batch's listened files may be fetched: the lease's end less {@link #STORE_TIME},
   * whatever the connector's poll already took of it.
   */
  static Instant mediaUntil(Instant leased) {
    return leased.minus(STORE_TIME);
  }

  void shutdown() {
    pollers.shutdownNow();
  }
}
