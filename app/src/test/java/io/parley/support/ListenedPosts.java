package io.parley.support;

import io.parley.channels.InboundAuthor;
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
        InboundMessage.Source.LISTENED,
        null);
  }
}
