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

  /**
   * This message with {@code added} files attached and {@code notes} (one a line: a file that is
   * not there, with why and where to see it) below its text and, escaped, as paragraphs of its HTML
   * (no HTML stays none). Itself when there is nothing to add.
   */
  public InboundMessage withFiles(List<InboundAttachment> added, List<String> notes) {
    if (added.isEmpty() && notes.isEmpty()) {
      return this;
    }
    List<InboundAttachment> files = new java.util.ArrayList<>(attachments);
    files.addAll(added);
    String body = text;
    String page = html;
    if (!notes.isEmpty()) {
      String stripped = text == null ? "" : text.strip();
      body = (stripped.isEmpty() ? "" : stripped + "\n\n") + String.join("\n", notes);
      if (html != null) {
        StringBuilder out = new StringBuilder(html);
        notes.forEach(
            n ->
                out.append("<p>")
                    .append(org.springframework.web.util.HtmlUtils.htmlEscape(n))
                    .append("</p>"));
        page = out.toString();
      }
    }
    return new InboundMessage(
        externalId,
        threadId,
        parentIds,
        author,
        subject,
        body,
        page,
        files,
        publicPost,
        sentAt,
        signals,
        source,
        language,
        media);
  }

  /**
   * This message with each file it carries by reference ({@link #media()}) named below its text,
   * with why it was not fetched ({@code reason}) and its link, for an agent to open on the network.
   */
  public InboundMessage withMediaNamed(String reason) {
    return withFiles(
        List.of(), media.stream().map(m -> notDownloaded(m.type(), reason, m.seenAt())).toList());
  }

  /**
   * The note naming a file that is not attached: "[name (not downloaded: reason): link]", the link
   * left out when there is none.
   */
  public static String notDownloaded(String name, String reason, String link) {
    return "["
        + name
        + " (not downloaded: "
        + reason
        + ")"
        + (link == null ? "" : ": " + link)
        + "]";
  }

  public String signal(String name) {
    return signals.get(name);
  }

  public boolean listened() {
    return source == Source.LISTENED;
  }
}
