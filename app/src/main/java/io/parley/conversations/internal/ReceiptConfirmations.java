package io.parley.conversations.internal;

import io.parley.channels.InboundMessage;
import io.parley.channels.InboundMessageReceived;
import io.parley.channels.OutboundMessage;
import io.parley.channels.Outbox;
import io.parley.conversations.CaseView;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells a customer by email that their message opened a case, with its reference, when the channel
 * account asks for it (a web form, whose customers get no answer on the form itself). Queued in the
 * outbox in the transaction that opens the case, so it goes out once the case exists, through the
 * brand's email account when the case's own channel cannot send. It is not a message on the case:
 * an automatic receipt is not the agents' first response.
 */
@Component
class ReceiptConfirmations {

  private final Outbox outbox;
  private final Brands brands;
  private final MessageSource messages;
  private final CaseEventRepository history;

  ReceiptConfirmations(
      Outbox outbox, Brands brands, MessageSource messages, CaseEventRepository history) {
    this.outbox = outbox;
    this.brands = brands;
    this.messages = messages;
    this.history = history;
  }

  void confirm(InboundMessageReceived event, CaseView opened) {
    InboundMessage m = event.message();
    String recipient = m.author() == null ? null : m.author().replyAddress();
    if (!event.confirmReceipt() || recipient == null || !recipient.contains("@")) {
      return;
    }
    Locale locale = localeOf(m.signal("language"));
    String name =
        m.author().displayName() == null || m.author().displayName().isBlank()
            ? recipient
            : m.author().displayName().strip();
    String brand = brands.find(opened.brand()).map(BrandSummary::name).orElse("");
    String subject =
        messages.getMessage(
            "case.receipt.subject", new Object[] {opened.subject(), opened.reference()}, locale);
    String text =
        messages.getMessage(
            "case.receipt.body",
            new Object[] {name, brand, opened.subject(), opened.reference()},
            locale);
    Outbox.Queued queued =
        outbox.enqueue(
            opened.channelAccount(),
            opened.brand(),
            "receipt:" + opened.id().value(),
            new OutboundMessage(
                "parley-receipt-" + UUID.randomUUID(),
                recipient,
                m.author().displayName(),
                subject,
                text,
                OutboundReplies.htmlOf(text),
                null,
                List.of(),
                opened.reference(),
                false,
                List.of()));
    history.save(
        new CaseEvent(
            opened.id().value(),
            null,
            Instant.now(),
            "receipt",
            null,
            queued.outboxId() == null ? queued.reason() : recipient));
  }

  private static Locale localeOf(String tag) {
    return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("zh")
        ? Locale.SIMPLIFIED_CHINESE
        : Locale.ENGLISH;
  }
}
