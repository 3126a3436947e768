package io.parley.conversations.internal;

import io.parley.channels.InboundAttachment;
import java.util.List;

/**
 * What a channel tells about a customer's message beyond its text. {@code threadId} is the
 * network's private conversation (null for public posts), by which later messages find the case.
 */
public record InboundDetails(
    String externalId,
    String authorAddress,
    Long inboundId,
    String html,
    List<InboundAttachment> attachments,
    String threadId) {

  public InboundDetails(
      String externalId,
      String authorAddress,
      Long inboundId,
      String html,
      List<InboundAttachment> attachments) {
    this(externalId, authorAddress, inboundId, html, attachments, null);
  }
}
