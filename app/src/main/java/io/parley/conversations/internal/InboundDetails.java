package io.parley.conversations.internal;

import io.parley.channels.InboundAttachment;
import java.util.List;

/** What a channel tells about a customer's message beyond its text. */
public record InboundDetails(
    String externalId,
    String authorAddress,
    Long inboundId,
    String html,
    List<InboundAttachment> attachments) {}
