package io.parley.channels.internal;

import io.parley.channels.OutboundGate;
import io.parley.channels.OutboundGate.Action;
import io.parley.channels.OutboundGate.Inspection;
import io.parley.channels.OutboundGate.Verdict;
import io.parley.channels.OutboundMessage;
import io.parley.identity.BrandId;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every {@link OutboundGate} in order, as one: a block wins, else a hold, and replacements chain
 * (each gate sees the text the previous one produced).
 */
@Component
class OutboundGates {

  private final ObjectProvider<OutboundGate> gates;

  OutboundGates(ObjectProvider<OutboundGate> gates) {
    this.gates = gates;
  }

  Verdict inspect(
      BrandId brand,
      String channelType,
      String sourceRef,
      OutboundMessage message,
      boolean approved) {
    List<OutboundGate> all = gates.orderedStream().toList();
    OutboundMessage current = message;
    String replacedBecause = null;
    Verdict hold = null;
    for (OutboundGate gate : all) {
      Verdict verdict =
          gate.inspect(new Inspection(brand, channelType, sourceRef, current, approved));
      switch (verdict.action()) {
        case BLOCK -> {
          return verdict;
        }
        case HOLD -> hold = hold == null ? verdict : hold;
        case REPLACE -> {
          current = applied(current, verdict);
          replacedBecause = verdict.reason();
        }
        case PASS -> {}
      }
    }
    if (hold != null && !approved) {
      return hold;
    }
    return current == message
        ? Verdict.pass()
        : Verdict.replace(current.text(), current.subject(), replacedBecause);
  }

  /** The message as a REPLACE verdict leaves it (itself for any other verdict). */
  static OutboundMessage applied(OutboundMessage m, Verdict verdict) {
    if (verdict.action() != Action.REPLACE) {
      return m;
    }
    String text = verdict.text() == null ? m.text() : verdict.text();
    String subject = verdict.subject() == null ? m.subject() : verdict.subject();
    return withContent(m, text, subject);
  }

  /** The message with another text; its HTML is rebuilt from the text when the text changed. */
  static OutboundMessage withText(OutboundMessage m, String text) {
    return withContent(m, text, m.subject());
  }

  private static OutboundMessage withContent(OutboundMessage m, String text, String subject) {
    if (java.util.Objects.equals(text, m.text())
        && java.util.Objects.equals(subject, m.subject())) {
      return m;
    }
    return new OutboundMessage(
        m.idempotencyKey(),
        m.recipient(),
        m.recipientName(),
        subject,
        text,
        m.html() == null || java.util.Objects.equals(text, m.text()) ? m.html() : htmlOf(text),
        m.inReplyTo(),
        m.references(),
        m.threadReference(),
        m.publicReply(),
        m.attachments());
  }

  static String htmlOf(String text) {
    StringBuilder html = new StringBuilder("<div>");
    for (String paragraph : text.strip().split("\\R\\s*\\R")) {
      html.append("<p>")
          .append(
              org.springframework.web.util.HtmlUtils.htmlEscape(paragraph)
                  .replaceAll("\\R", "<br>"))
          .append("</p>");
    }
    return html.append("</div>").toString();
  }
}
