package io.parley.support;

import java.time.Instant;

/**
 * Public statuses on a Mastodon hashtag timeline, in the shape of the Status entity
 * (https://docs.joinmastodon.org/entities/Status/), with the fields the connector reads.
 */
public final class MastodonStatuses {

  private MastodonStatuses() {}

  /**
   * The id Mastodon gives a status published at {@code at}: its milliseconds since the epoch,
   * shifted 16 bits (a remote status keeps the id of its publishing time, however late it comes).
   */
  public static String id(Instant at) {
    return String.valueOf(at.toEpochMilli() << 16);
  }

  /** A public status {@code id} on {@code #tag} by a stranger, with no media. */
  public static String status(String id, String tag, String text) {
    return status(id, tag, text, null);
  }

  /** The same, carrying an image at {@code imageUrl} (null: none). */
  public static String status(String id, String tag, String text, String imageUrl) {
    long published = Long.parseLong(id) >> 16;
    String media =
        imageUrl == null
            ? "[]"
            : "[{\"id\":\""
                + id
                + "1\",\"type\":\"image\",\"url\":\""
                + imageUrl
                + "\",\"preview_url\":\""
                + imageUrl
                + "\",\"remote_url\":null,\"description\":null}]";
    return "{\"id\":\""
        + id
        + "\",\"created_at\":\""
        + Instant.ofEpochMilli(published)
        + "\",\"in_reply_to_id\":null,\"in_reply_to_account_id\":null,\"sensitive\":false,"
        + "\"spoiler_text\":\"\",\"visibility\":\"public\",\"language\":\"en\","
        + "\"uri\":\"https://photog.example/users/fan/statuses/"
        + id
        + "\",\"url\":\"https://photog.example/@fan/"
        + id
        + "\",\"content\":\"<p>"
        + text
        + " <a href=\\\"https://mastodon.example/tags/"
        + tag
        + "\\\" class=\\\"mention hashtag\\\" rel=\\\"tag\\\">#<span>"
        + tag
        + "</span></a></p>\",\"account\":{\"id\":\"972"
        + (id.hashCode() & 0xffff)
        + "\",\"username\":\"fan\",\"acct\":\"fan@photog.example\",\"display_name\":\"Fan\","
        + "\"url\":\"https://photog.example/@fan\",\"followers_count\":3,\"note\":\"\"},"
        + "\"media_attachments\":"
        + media
        + ",\"mentions\":[],\"tags\":[{\"name\":\""
        + tag
        + "\",\"url\":\"https://mastodon.example/tags/"
        + tag
        + "\"}],\"emojis\":[],\"card\":null,\"poll\":null}";
  }

  /** A timeline page: the statuses as given (Mastodon lists the newest first). */
  public static String page(String... statuses) {
    return "[" + String.join(",", statuses) + "]";
  }
}
