package io.parley.channels.internal;

import io.parley.channels.DeliveryState;
import io.parley.channels.DeliveryUpdated;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A delivery report came back for a reply Parley sent: the reply's outbox entry is marked bounced
 * and the message shows it, so the agent knows the customer did not get it.
 */
@Component
class ReturnedReplies {

  private final OutboxRepository outbox;
  private final ApplicationEventPublisher events;

  ReturnedReplies(OutboxRepository outbox, ApplicationEventPublisher events) {
    this.outbox = outbox;
    this.events = events;
  }

  /** Called inside the transaction that records the report. */
  void returned(List<String> reportedIds) {
    for (String id : reportedIds) {
      outbox
          .findByExternalId(id)
          .filter(item -> item.getStatus() == DeliveryState.SENT)
          .ifPresent(
              item -> {
                item.bounced("delivery.bounced");
                events.publishEvent(
                    new DeliveryUpdated(
                        item.getId(),
                        item.getSourceRef(),
                        DeliveryState.BOUNCED,
                        item.getExternalId(),
                        item.getLastError()));
              });
    }
  }
}
