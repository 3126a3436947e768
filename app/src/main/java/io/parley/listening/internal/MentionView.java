package io.parley.listening.internal;

import io.parley.channels.InboundMedia;
import io.parley.shared.WebAddress;
import java.time.Instant;
import java.util.List;

/**
 * A matched post as the mentions stream shows it; {@code media} are the files it carries, by
 * reference; {@code caseReference} the case it is on, opened by its rule, by the intake or by a
 * click.
 */
record MentionView(
    long id,
    long brandId,
    String channelType,
    String authorHandle,
    String authorName,
    String text,
    String language,
    boolean listened,
    String sentiment,
    double sentimentScore,
    List<String> tags,
    List<Long> ruleIds,
    boolean opensCase,
    String caseReference,
    Long customerId,
    Instant postedAt,
    List<InboundMedia> media,
    long inboundId) {

  MentionView {
    media = media == null ? List.of() : List.copyOf(media);
  }

  /** This mention, on the case {@code reference}. */
  MentionView onCase(String reference) {
    return new MentionView(
        id,
        brandId,
        channelType,
        authorHandle,
        authorName,
        text,
        language,
        listened,
        sentiment,
        sentimentScore,
        tags,
        ruleIds,
        opensCase,
        reference,
        customerId,
        postedAt,
        media,
        inboundId);
  }

  /** The post's photos that have a web address to open, for the stream's links. */
  public List<InboundMedia> photos() {
    return media.stream()
        .filter(InboundMedia::photo)
        .filter(m -> WebAddress.web(m.seenAt()))
        .toList();
  }

  public String author() {
    return authorName != null && !authorName.isBlank() ? authorName : authorHandle;
  }
}
