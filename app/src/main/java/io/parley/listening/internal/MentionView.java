package io.parley.listening.internal;

import java.time.Instant;
import java.util.List;

/** A matched post as the mentions stream shows it. */
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
    Instant postedAt) {

  public String author() {
    return authorName != null && !authorName.isBlank() ? authorName : authorHandle;
  }
}
