package io.parley.channels.internal;

import io.parley.channels.DeliveryState;
import io.parley.channels.DeliveryUpdated;
import io.parley.channels.OutboundMessage;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Releases or rejects outbox entries a gate held, and announces the new state. */
@Component
public class OutboxApprovals {

  private final OutboxRepository outbox;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;
  private final OutboxWorker worker;

  OutboxApprovals(
      OutboxRepository outbox,
      ApplicationEventPublisher events,
      JsonMapper json,
      OutboxWorker worker) {
    this.outbox = outbox;
    this.events = events;
    this.json = json;
    this.worker = worker;
  }

  public boolean release(long id, String revisedText) {
    OutboxItem item = outbox.findById(id).orElse(null);
    if (item == null || item.getStatus() != DeliveryState.HELD) {
      return false;
    }
    String payload = item.getPayload();
    if (revisedText != null && !revisedText.isBlank()) {
      OutboundMessage message = json.readValue(payload, OutboundMessage.class);
      payload = json.writeValueAsString(OutboundGates.withText(message, revisedText));
    }
    item.approved(payload, Instant.now());
    announce(item);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              worker.wake();
            }
          });
    }
    return true;
  }

  public boolean reject(long id, String reason) {
    OutboxItem item = outbox.findById(id).orElse(null);
    if (item == null || item.getStatus() != DeliveryState.HELD) {
      return false;
    }
    item.rejected(reason);
    announce(item);
    return true;
  }

  private void announce(OutboxItem item) {
    events.publishEvent(
        new DeliveryUpdated(
            item.getId(),
            item.getSourceRef(),
            item.getStatus(),
            item.getExternalId(),
            item.getLastError()));
  }
}
