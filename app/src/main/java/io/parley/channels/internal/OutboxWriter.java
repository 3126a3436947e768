package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.DeliveryState;
import io.parley.channels.OutboundGate.Action;
import io.parley.channels.OutboundGate.Verdict;
import io.parley.channels.OutboundHeld;
import io.parley.channels.OutboundMessage;
import io.parley.channels.Outbox.Queued;
import io.parley.identity.BrandId;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the account that can send a reply, asks the outbound gates about it and writes the outbox
 * entry: queued (its text possibly replaced), held for approval or blocked.
 */
@Component
public class OutboxWriter {

  private final ChannelAccountRepository accounts;
  private final OutboxRepository outbox;
  private final ConnectorRegistry registry;
  private final OutboxWorker worker;
  private final JsonMapper json;
  private final BrandMailboxes mailboxes;
  private final OutboundGates gates;
  private final ApplicationEventPublisher events;

  OutboxWriter(
      OutboundGates gates,
      ApplicationEventPublisher events,
      BrandMailboxes mailboxes,
      ChannelAccountRepository accounts,
      OutboxRepository outbox,
      ConnectorRegistry registry,
      OutboxWorker worker,
      JsonMapper json) {
    this.accounts = accounts;
    this.outbox = outbox;
    this.registry = registry;
    this.worker = worker;
    this.json = json;
    this.mailboxes = mailboxes;
    this.gates = gates;
    this.events = events;
  }

  public Queued enqueue(
      ChannelAccountId preferred, BrandId brand, String sourceRef, OutboundMessage message) {
    if (message.recipient() == null || message.recipient().isBlank()) {
      return new Queued(null, preferred, DeliveryState.UNDELIVERABLE, "delivery.noRecipient");
    }
    Optional<ChannelAccount> account =
        Optional.ofNullable(preferred)
            .flatMap(id -> accounts.findById(id.value()))
            .filter(registry::canSend);
    if (account.isEmpty()) {
      account = mailboxes.answering(brand == null ? null : brand.value(), message.recipient());
    }
    if (account.isEmpty()) {
      return new Queued(null, preferred, DeliveryState.UNDELIVERABLE, "delivery.notConnected");
    }
    BrandId accountBrand = new BrandId(account.get().getBrandId());
    Verdict verdict =
        gates.inspect(accountBrand, account.get().getType(), sourceRef, message, false);
    OutboundMessage gated = OutboundGates.applied(message, verdict);
    DeliveryState state =
        switch (verdict.action()) {
          case BLOCK -> DeliveryState.BLOCKED;
          case HOLD -> DeliveryState.HELD;
          default -> DeliveryState.QUEUED;
        };
    OutboxItem item =
        outbox.save(
            new OutboxItem(
                account.get().getId(),
                message.idempotencyKey(),
                sourceRef,
                json.writeValueAsString(gated),
                state,
                state == DeliveryState.QUEUED ? null : verdict.reason()));
    String sentText = gated == message ? null : gated.text();
    if (state == DeliveryState.HELD) {
      events.publishEvent(
          new OutboundHeld(
              item.getId(),
              new ChannelAccountId(account.get().getId()),
              accountBrand,
              sourceRef,
              gated.text(),
              verdict.reason()));
    }
    if (state != DeliveryState.QUEUED) {
      return new Queued(
          item.getId(),
          new ChannelAccountId(account.get().getId()),
          state,
          verdict.reason(),
          sentText);
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              worker.wake();
            }
          });
    }
    return new Queued(
        item.getId(),
        new ChannelAccountId(account.get().getId()),
        DeliveryState.QUEUED,
        verdict.action() == Action.REPLACE ? verdict.reason() : null,
        sentText);
  }
}
