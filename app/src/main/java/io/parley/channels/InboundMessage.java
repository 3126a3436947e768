package io.parley.channels;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message from a customer, translated by a connector into Parley's terms. {@code externalId} is
 * the network's id (an email's Message-ID), unique per account; {@code parentIds} are the ids it
 * answers (In-Reply-To and References, a post's parent); {@code signals} carry what the inbound
 * filters judge by (e.g. {@code auto-submitted}, {@code precedence}, {@code x-spam-flag}), with
 * lower-case names. {@code source} says whether it was addressed to the brand ({@link
 * Source#DIRECT}, the default) or only found by listening ({@link Source#LISTENED}); {@code
 * language} is the BCP-47 tag the network gave (null when it gave none). {@code media} are files
 * the message carries by reference, not fetched (a listened post's: most are dropped unmatched, so
 * its files are fetched only if it becomes a case, see {@link ChannelConnector#fetchMedia}).
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
    Map<String, String> signals,
    Source source,
    String language,
    List<InboundMedia> media) {

  /** How a message reached the brand. */
  public enum Source {
    /** Addressed to the brand: a mention, a reply, a direct message, an email, a chat. */
    DIRECT,
    /** Found by a keyword stream or a search, not addressed to the brand. */
    LISTENED
  }

  public InboundMessage {
    parentIds = parentIds == null ? List.of() : List.copyOf(parentIds);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    signals = signals == null ? Map.of() : Map.copyOf(signals);
    source = source == null ? Source.DIRECT : source;
    language = language == null || language.isBlank() ? null : language.strip();
    media = media == null ? List.of() : List.copyOf(media);
  }

  /** A message whose files, if any, are already among its attachments. */
  public InboundMessage(
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
      Map<String, String> signals,
      Source source,
      String language) {
    this(
        externalId,
        threadId,
        parentIds,
        author,
        subject,
        text,
        html,
        attachments,
        publicPost,
        sentAt,
        signals,
        source,
        language,
        List.of());
  }

  /** A message addressed to the brand, in no known language. */
  public InboundMessage(
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
    this(
        externalId,
        threadId,
        parentIds,
        author,
        subject,
        text,
        html,
        attachments,
        publicPost,
        sentAt,
        signals,
        Source.DIRECT,
        null);
  }

  public String signal(String name) {
    return signals.get(name);
  }

  public boolean listened() {
    return source == Source.LISTENED;
  }
}
