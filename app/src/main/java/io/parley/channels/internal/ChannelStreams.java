package io.parley.channels.internal;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorException;
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
 * Keeps one live connection per streaming account on this node (X's filtered stream): messages go
 * through the inbound pipeline in bursts like a poll's page (a {@link StreamBatcher}: up to {@link
 * #BURST} per transaction, none waiting longer than {@link #LINGER}); a dropped connection
 * reconnects with backoff, a rate limit waits until the network's reset, and both show on the
 * account's health. Streamed messages are deduplicated by the idempotency guard, so two nodes
 * streaming one account store each message once.
 */
@Component
class ChannelStreams {

  private static final Logger log = LoggerFactory.getLogger(ChannelStreams.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  /** A burst of streamed messages handed over in one transaction: at most this many... */
  static final int BURST = 100;

  /** ...and a message waits at most this long for others to join it. */
  static final Duration LINGER = Duration.ofMillis(50);

  private final ChannelAccountRepository accounts;
  private final ConnectorRegistry registry;
  private final MissingParents parents;
  private final Set<Long> streaming = ConcurrentHashMap.newKeySet();
  private final Set<String> unsupported = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;

  ChannelStreams(
      ChannelAccountRepository accounts, ConnectorRegistry registry, MissingParents parents) {
    this.accounts = accounts;
    this.registry = registry;
    this.parents = parents;
  }

  /** Starts a stream for every streaming account that has none on this node. */
  void streamAll() {
    List<String> types = registry.typesWith(Capability.STREAM);
    if (types.isEmpty() || !running) {
      return;
    }
    for (ChannelAccount account : accounts.findWatchable(types)) {
      if (unsupported.contains(fingerprint(account))) {
        continue;
      }
      Long id = account.getId();
      if (streaming.add(id)) {
        Thread thread = new Thread(() -> stream(id), "parley-stream-" + id);
        thread.setDaemon(true);
        thread.start();
      }
    }
  }

  private void stream(Long id) {
    Duration backoff = FIRST_BACKOFF;
    try {
      while (running) {
        Optional<ChannelAccount> account = accounts.findById(id);
        Optional<ChannelConnector> connector = account.flatMap(registry::connector);
        if (connector.isEmpty()) {
          return;
        }
        var view = registry.connectorAccount(account.get());
        Duration wait;
        try (StreamBatcher bursts =
            new StreamBatcher(
                "parley-stream-bursts-" + id,
                BURST,
                LINGER,
                // The stream's reader waits while a burst is taken: its files get little time,
                // or the queue fills and the network drops the connection as too slow.
                burst ->
                    parents.ingestAllWithParents(
                        connector.get(), view, burst, InboundPipeline.pushedMediaUntil()),
                failed ->
                    accounts.recordError(
                        id, Instant.now(), InboundRecord.cut(failed.toString(), 1000), null))) {
          connector.get().stream(bursts);
          accounts.recordSuccess(id, Instant.now());
          wait = FIRST_BACKOFF; // the network closed the stream: connect again
          backoff = FIRST_BACKOFF;
        } catch (UnsupportedOperationException off) {
          // Streaming is off in the account's settings: until they change.
          unsupported.add(fingerprint(account.get()));
          return;
        } catch (ConnectorException e) {
          Instant now = Instant.now();
          Instant limited = e.retryAfter() == null ? null : now.plus(e.retryAfter());
          accounts.recordError(id, now, InboundRecord.cut(e.getMessage(), 1000), limited);
          wait = e.retryAfter() != null ? e.retryAfter() : backoff;
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
          log.warn("Stream of account {} failed: {}", id, e.getMessage());
        } catch (RuntimeException e) {
          accounts.recordError(id, Instant.now(), InboundRecord.cut(e.toString(), 1000), null);
          wait = backoff;
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
          log.error("Stream of account {} failed", id, e);
        }
        Thread.sleep(wait.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streaming.remove(id);
    }
  }

  private static String fingerprint(ChannelAccount account) {
    return account.getId() + "\u0000" + account.getSettings() + "\u0000" + account.getSecrets();
  }

  void shutdown() {
    running = false;
  }
}
