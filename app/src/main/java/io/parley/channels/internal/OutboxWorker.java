package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelConnector;
import io.parley.channels.DeliveryResult;
import io.parley.channels.DeliveryState;
import io.parley.channels.DeliveryUpdated;
import io.parley.channels.OutboundGate.Action;
import io.parley.channels.OutboundGate.Verdict;
import io.parley.channels.OutboundHeld;
import io.parley.channels.OutboundMessage;
import io.parley.identity.BrandId;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends what waits in the outbox, oldest first: claims an entry (a lease, so one sender per entry
 * across nodes), sends it outside any transaction, then records the outcome and announces it in one
 * transaction. Failures are retried with exponential backoff up to a limit.
 */
@Component
class OutboxWorker {

  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  private static final Set<DeliveryState> WAITING =
      EnumSet.of(DeliveryState.QUEUED, DeliveryState.RETRYING);

  private final OutboxRepository outbox;
  private final ChannelAccountRepository accounts;
  private final ConnectorRegistry registry;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final ChannelsProperties properties;
  private final JsonMapper json;
  private final BrandMailboxes mailboxes;
  private final OutboundGates gates;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final ExecutorService wakeups =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "parley-outbox");
            t.setDaemon(true);
            return t;
          });

  OutboxWorker(
      OutboxRepository outbox,
      ChannelAccountRepository accounts,
      ConnectorRegistry registry,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions,
      ChannelsProperties properties,
      JsonMapper json,
      BrandMailboxes mailboxes,
      OutboundGates gates) {
    this.gates = gates;
    this.mailboxes = mailboxes;
    this.outbox = outbox;
    this.accounts = accounts;
    this.registry = registry;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
    this.properties = properties;
    this.json = json;
  }

  /** Sends soon, without waiting for the next tick (called after a reply commits). */
  void wake() {
    if (properties.schedulerEnabled()) {
      wakeups.execute(this::drain);
    }
  }

  /** Sends everything due; one drain at a time on this node, another runs if woken meanwhile. */
  void drain() {
    again.set(true);
    while (again.getAndSet(false)) {
      if (!running.compareAndSet(false, true)) {
        return;
      }
      try {
        drainOnce();
      } catch (RuntimeException e) {
        log.error("Outbox drain failed", e);
      } finally {
        running.set(false);
      }
    }
  }

  private void drainOnce() {
    outbox.reclaimAbandoned(Instant.now());
    while (true) {
      var due = outbox.findDue(WAITING, Instant.now(), Limit.of(50));
      if (due.isEmpty()) {
        return;
      }
      for (Long id : due) {
        Instant now = Instant.now();
        if (outbox.claim(id, WAITING, now, now.plus(properties.sendLease())) == 1) {
          attempt(id);
        }
      }
    }
  }

  private void attempt(Long id) {
    OutboxItem item = outbox.findById(id).orElseThrow();
    Optional<ChannelAccount> account = accounts.findById(item.getAccountId());
    Optional<ChannelConnector> connector = account.flatMap(registry::connector);
    OutboundMessage message = null;
    DeliveryResult result;
    if (connector.isEmpty()) {
      result = DeliveryResult.retry("channel.notConnected", properties.maxRetryDelay());
    } else {
      try {
        message = json.readValue(item.getPayload(), OutboundMessage.class);
        // Checked again right before sending: no connector sends what the gates refuse.
        Verdict verdict =
            gates.inspect(
                new BrandId(account.get().getBrandId()),
                account.get().getType(),
                item.getSourceRef(),
                message,
                item.isApproved());
        if (verdict.action() == Action.BLOCK || verdict.action() == Action.HOLD) {
          stop(item, account.get(), message, verdict);
          return;
        }
        message = OutboundGates.applied(message, verdict);
        result = connector.get().send(message);
      } catch (RuntimeException e) {
        log.warn("Connector failed sending outbox entry {}", id, e);
        result = DeliveryResult.retry(e.toString(), null);
      }
    }
    record(item, account, message, result);
  }

  /** A gate refused or held the entry at sending time: it is not sent. */
  private void stop(
      OutboxItem attempted, ChannelAccount account, OutboundMessage message, Verdict verdict) {
    transaction.executeWithoutResult(
        status -> {
          OutboxItem item = outbox.findById(attempted.getId()).orElseThrow();
          if (verdict.action() == Action.HOLD) {
            item.held(verdict.reason());
            events.publishEvent(
                new OutboundHeld(
                    item.getId(),
                    new ChannelAccountId(account.getId()),
                    new BrandId(account.getBrandId()),
                    item.getSourceRef(),
                    message.text(),
                    verdict.reason()));
          } else {
            item.blocked(verdict.reason());
          }
          events.publishEvent(
              new DeliveryUpdated(
                  item.getId(),
                  item.getSourceRef(),
                  item.getStatus(),
                  item.getExternalId(),
                  item.getLastError()));
        });
  }

  /** {@code message} is set whenever the connector was asked, so for every UNREACHABLE. */
  private void record(
      OutboxItem attempted,
      Optional<ChannelAccount> account,
      OutboundMessage message,
      DeliveryResult result) {
    Long id = attempted.getId();
    int attempts = attempted.getAttempts();
    Instant now = Instant.now();
    transaction.executeWithoutResult(
        status -> {
          OutboxItem item = outbox.findById(id).orElseThrow();
          switch (result.status()) {
            case SENT -> item.sent(result.externalId(), now);
            case FAILED -> item.failed(result.error());
            case UNREACHABLE ->
                account
                    .filter(a -> !a.getType().equals("email"))
                    .flatMap(a -> mailboxes.answering(a.getBrandId(), message.recipient()))
                    .ifPresentOrElse(
                        email -> item.reroute(email.getId(), now, result.error()),
                        () -> item.failed(result.error()));
            case RETRY -> {
              if (result.retryAfter() != null && message != null) {
                item.deferred(now.plus(result.retryAfter()), result.error());
              } else if (attempts >= properties.maxDeliveryAttempts()) {
                item.failed(result.error());
              } else {
                item.retryAt(now.plus(backoff(attempts, result.retryAfter())), result.error());
              }
            }
          }
          events.publishEvent(
              new DeliveryUpdated(
                  item.getId(),
                  item.getSourceRef(),
                  item.getStatus(),
                  item.getExternalId(),
                  item.getLastError()));
        });
    if (result.status() == DeliveryResult.Status.UNREACHABLE) {
      return; // the channel works; the recipient is gone (and the reply may go by email)
    }
    if (result.status() == DeliveryResult.Status.SENT) {
      accounts.recordSuccess(attempted.getAccountId(), now);
    } else {
      Instant limited = result.retryAfter() == null ? null : now.plus(result.retryAfter());
      accounts.recordError(
          attempted.getAccountId(), now, InboundRecord.cut(result.error(), 1000), limited);
      if (limited != null) {
        outbox.postpone(attempted.getAccountId(), WAITING, limited);
      }
    }
  }

  Duration backoff(int attempts, Duration requested) {
    if (requested != null) {
      return requested;
    }
    Duration delay = properties.firstRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
    return delay.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : delay;
  }

  void shutdown() {
    wakeups.shutdownNow();
  }
}
