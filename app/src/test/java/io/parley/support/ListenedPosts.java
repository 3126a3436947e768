package io.parley.support;

import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMedia;
import io.parley.channels.InboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Public posts found by listening (not addressed to the brand), as a stream or search brings them.
 */
public final class ListenedPosts {

  private ListenedPosts() {}

  /** A public post {@code id} by {@code author} (null: unknown), sent now, language unset. */
  public static InboundMessage post(String id, InboundAuthor author, String text) {
    return post(id, author, text, InboundMessage.Source.LISTENED);
  }

  /** The same post as its {@code source} brings it (listened, or addressed to the brand). */
  public static InboundMessage post(
      String id, InboundAuthor author, String text, InboundMessage.Source source) {
    return post(id, author, text, source, List.of());
  }

  /** The same post carrying {@code media} by reference, as a listening connector brings them. */
  public static InboundMessage post(
      String id,
      InboundAuthor author,
      String text,
      InboundMessage.Source source,
      List<InboundMedia> media) {
    return new InboundMessage(
        id,
        null,
        List.of(),
        author,
        null,
        text,
        null,
        List.of(),
        true,
        Instant.now(),
        Map.of(),
        source,
        null,
        media);
  }
}
