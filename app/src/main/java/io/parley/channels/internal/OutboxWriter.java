package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.DeliveryState;
import io.parley.channels.OutboundMessage;
import io.parley.channels.Outbox.Queued;
import io.parley.identity.BrandId;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Chooses the account that can send a reply and writes the outbox entry. */
@Component
public class OutboxWriter {

  private final ChannelAccountRepository accounts;
  private final OutboxRepository outbox;
  private final ConnectorRegistry registry;
  private final OutboxWorker worker;
  private final JsonMapper json;
  private final BrandMailboxes mailboxes;

  OutboxWriter(
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
    OutboxItem item =
        outbox.save(
            new OutboxItem(
                account.get().getId(),
                message.idempotencyKey(),
                sourceRef,
                json.writeValueAsString(message),
                DeliveryState.QUEUED,
                null));
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
        item.getId(), new ChannelAccountId(account.get().getId()), DeliveryState.QUEUED, null);
  }
}
