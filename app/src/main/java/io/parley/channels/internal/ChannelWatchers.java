package io.parley.channels.internal;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnector.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Watches polled accounts whose network can say when something arrives (IMAP IDLE): one daemon
 * thread per account on each node, which only moves the account's next poll to now. Polling stays
 * the single way messages come in (cursor, lease, idempotency), so watching adds speed, not paths.
 */
@Component
class ChannelWatchers {

  private static final Logger log = LoggerFactory.getLogger(ChannelWatchers.class);
  private static final Duration WATCH = Duration.ofMinutes(9);
  private static final Duration AFTER_ERROR = Duration.ofSeconds(30);

  private final ChannelAccountRepository accounts;
  private final ConnectorRegistry registry;
  private final Set<Long> watching = ConcurrentHashMap.newKeySet();
  private final Set<String> unsupported = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;

  ChannelWatchers(ChannelAccountRepository accounts, ConnectorRegistry registry) {
    this.accounts = accounts;
    this.registry = registry;
  }

  /** Starts a watcher for every watchable account that has none on this node. */
  void watchAll() {
    List<String> types = registry.typesWith(Capability.POLL);
    if (types.isEmpty()) {
      return;
    }
    for (ChannelAccount account : accounts.findWatchable(types)) {
      Long id = account.getId();
      if (unsupported.contains(fingerprint(account))) {
        continue;
      }
      if (watching.add(id)) {
        Thread thread = new Thread(() -> watch(id), "parley-watch-" + id);
        thread.setDaemon(true);
        thread.start();
      }
    }
  }

  private void watch(Long id) {
    try {
      while (running) {
        Optional<ChannelAccount> account = accounts.findById(id);
        Optional<ChannelConnector> connector = account.flatMap(registry::connector);
        if (connector.isEmpty()) {
          return;
        }
        try {
          Activity activity = connector.get().awaitActivity(WATCH);
          if (activity == Activity.UNSUPPORTED) {
            // Until its settings change: a server may gain IDLE, or the account move servers.
            unsupported.add(fingerprint(account.get()));
            return;
          }
          if (activity == Activity.NEW && running) {
            accounts.pollSoon(id, Instant.now());
          }
        } catch (RuntimeException e) {
          log.debug("Watching account {} failed: {}", id, e.toString());
          Thread.sleep(AFTER_ERROR.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      watching.remove(id);
    }
  }

  private static String fingerprint(ChannelAccount account) {
    return account.getId() + "\u0000" + account.getSettings() + "\u0000" + account.getSecrets();
  }

  void shutdown() {
    running = false;
  }
}
