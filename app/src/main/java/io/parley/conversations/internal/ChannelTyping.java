package io.parley.conversations.internal;

import io.parley.channels.CustomerTyping;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.identity.BrandId;
import java.util.Comparator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Shows agents on a case that the customer is typing in a live channel (the web chat). */
@Component
class ChannelTyping {

  private final MessageRepository messages;
  private final CaseRepository cases;
  private final Customers customers;
  private final Presence presence;

  ChannelTyping(
      MessageRepository messages, CaseRepository cases, Customers customers, Presence presence) {
    this.messages = messages;
    this.cases = cases;
    this.customers = customers;
    this.presence = presence;
  }

  @EventListener
  void on(CustomerTyping typing) {
    if (typing.messageIds().isEmpty()) {
      return;
    }
    messages.findByExternalIdIn(typing.messageIds()).stream()
        .max(Comparator.comparing(Message::getId))
        .flatMap(m -> cases.findById(m.getCaseId()))
        .filter(c -> typing.account().value() == nullSafe(c.getChannelAccountId()))
        .ifPresent(
            c ->
                presence.customerTyping(
                    c.getReference(),
                    new BrandId(c.getBrandId()),
                    c.getCustomerId() == null
                        ? "?"
                        : customers
                            .find(new CustomerId(c.getCustomerId()))
                            .map(s -> s.displayName())
                            .orElse("?")));
  }

  private static long nullSafe(Long value) {
    return value == null ? -1 : value;
  }
}
