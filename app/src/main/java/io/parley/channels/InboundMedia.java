package io.parley.channels;

import java.util.Locale;

/**
 * A photo, video or file a post carries, by reference only: kept with a listened post and fetched
 * only if the post becomes a case. {@code type} is {@code photo}, {@code video}, {@code gif},
 * {@code audio} or {@code file}; {@code url} is the file to fetch (of a video or GIF its still;
 * null: nothing to fetch, the medium is only named); {@code link} is where an agent sees it on the
 * network (null: nowhere); {@code description} is the author's alt text (null: none). Stored and
 * shown to agents, so {@code url} never holds a secret (an access token).
 */
public record InboundMedia(String type, String url, String link, String description) {

  public InboundMedia {
    type = type == null || type.isBlank() ? "file" : type.strip().toLowerCase(Locale.ROOT);
    url = blankToNull(url);
    link = blankToNull(link);
    description = blankToNull(description);
  }

  /** Whether it is a photo (what the mentions stream counts). */
  public boolean photo() {
    return "photo".equals(type);
  }

  /** Where an agent can see it: its link, else the file itself (null: nowhere). */
  public String seenAt() {
    return link != null ? link : url;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
