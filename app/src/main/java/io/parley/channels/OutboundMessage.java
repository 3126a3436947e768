package io.parley.channels;

import java.util.List;

/**
 * A reply to send. {@code idempotencyKey} is the same on every attempt, so a network (or the
 * receiving mail system, through the Message-ID derived from it) can recognise a repeated send;
 * {@code inReplyTo} and {@code references} are external ids of the conversation so far; {@code
 * threadReference} is the case reference (ACME-1042) that threads replies by subject; {@code
 * recipientHandle} is the recipient's handle on the network (to mention them where the network
 * expects it), null when unknown.
 */
public record OutboundMessage(
    String idempotencyKey,
    String recipient,
    String recipientName,
    String subject,
    String text,
    String html,
    String inReplyTo,
    List<String> references,
    String threadReference,
    boolean publicReply,
    List<OutboundAttachment> attachments,
    String recipientHandle) {

  public OutboundMessage {
    references = references == null ? List.of() : List.copyOf(references);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  public OutboundMessage(
      String idempotencyKey,
      String recipient,
      String recipientName,
      String subject,
      String text,
      String html,
      String inReplyTo,
      List<String> references,
      String threadReference,
      boolean publicReply,
      List<OutboundAttachment> attachments) {
    this(
        idempotencyKey,
        recipient,
        recipientName,
        subject,
        text,
        html,
        inReplyTo,
        references,
        threadReference,
        publicReply,
        attachments,
        null);
  }

  /** A file to send, read through the {@link OutboundAttachments} of the module that owns it. */
  public record OutboundAttachment(String fileName, String contentType, String ref) {}
}
