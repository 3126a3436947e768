package io.parley.channels;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message from a customer, translated by a connector into Parley's terms. {@code externalId} is
 * the network's id (an email's Message-ID), unique per account; {@code parentIds} are the ids it
 * answers (In-Reply-To and References, a post's parent); {@code signals} carry what the inbound
 * filters judge by (e.g. {@code auto-submitted}, {@code precedence}, {@code x-spam-flag}), with
 * lower-case names.
 */
public record InboundMessage(
    String externalId,
    String threadId,
    List<String> parentIds,
    InboundAuthor author,
    String subject,
    String text,
    String html,
    List<InboundAttachment> attachments,
    boolean publicPost,
    Instant sentAt,
    Map<String, String> signals) {

  public InboundMessage {
    parentIds = parentIds == null ? List.of() : List.copyOf(parentIds);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    signals = signals == null ? Map.of() : Map.copyOf(signals);
  }

  public String signal(String name) {
    return signals.get(name);
  }
}
