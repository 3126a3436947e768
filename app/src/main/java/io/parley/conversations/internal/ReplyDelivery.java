package io.parley.conversations.internal;

import io.parley.channels.DeliveryUpdated;
import io.parley.channels.OutboundAttachments;
import io.parley.conversations.CaseChanged;
import io.parley.conversations.CaseId;
import io.parley.identity.BrandId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Shows a reply's progress through the outbox on the message (queued, sent, retrying, failed),
 * keeps the network's id of a sent reply so the customer's answer threads to it, and hands the
 * outbox the bytes of a reply's attachments.
 */
@Component
class ReplyDelivery implements OutboundAttachments {

  private final MessageRepository messages;
  private final CaseRepository cases;
  private final AttachmentRepository attachments;
  private final AttachmentStore store;
  private final ApplicationEventPublisher events;

  ReplyDelivery(
      MessageRepository messages,
      CaseRepository cases,
      AttachmentRepository attachments,
      AttachmentStore store,
      ApplicationEventPublisher events) {
    this.messages = messages;
    this.cases = cases;
    this.attachments = attachments;
    this.store = store;
    this.events = events;
  }

  @EventListener
  void on(DeliveryUpdated update) {
    if (update.sourceRef() == null || !update.sourceRef().startsWith("message:")) {
      return;
    }
    long id = Long.parseLong(update.sourceRef().substring("message:".length()));
    messages
        .findById(id)
        .ifPresent(
            message -> {
              message.delivery(update.state().name(), update.externalId(), update.error());
              cases
                  .findById(message.getCaseId())
                  .ifPresent(
                      c ->
                          events.publishEvent(
                              new CaseChanged(
                                  new CaseId(c.getId()),
                                  c.getReference(),
                                  new BrandId(c.getBrandId()),
                                  null,
                                  "delivery")));
            });
  }

  @Override
  public InputStream open(String ref) throws IOException {
    if (ref == null || !ref.startsWith("attachment:")) {
      throw new IOException("Unknown attachment reference " + ref);
    }
    Attachment attachment =
        attachments
            .findById(Long.parseLong(ref.substring("attachment:".length())))
            .orElseThrow(() -> new IOException("No attachment " + ref));
    if (attachment.isErased()) {
      throw new IOException("Attachment " + ref + " was erased");
    }
    return Files.newInputStream(store.pathOf(attachment));
  }
}
