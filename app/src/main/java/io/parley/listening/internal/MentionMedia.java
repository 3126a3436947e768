package io.parley.listening.internal;

import io.parley.channels.InboundMedia;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mention's media references as its row keeps them: a JSON list, cut to the column's size (the
 * first media kept whole) rather than truncated mid-way.
 */
final class MentionMedia {

  static final int MAX_JSON = 8000;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<InboundMedia>> LIST = new TypeReference<>() {};

  private MentionMedia() {}

  /** The column's value for {@code media} (null: none). */
  static String write(List<InboundMedia> media) {
    List<InboundMedia> kept = new ArrayList<>(media);
    while (!kept.isEmpty()) {
      String json = JSON.writeValueAsString(kept);
      if (json.length() <= MAX_JSON) {
        return json;
      }
      kept.remove(kept.size() - 1);
    }
    return null;
  }

  /** The media a column holds (none when it is empty or unreadable). */
  static List<InboundMedia> read(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      List<InboundMedia> media = JSON.readValue(json, LIST);
      return media == null ? List.of() : List.copyOf(media);
    } catch (JacksonException e) {
      return List.of();
    }
  }
}
