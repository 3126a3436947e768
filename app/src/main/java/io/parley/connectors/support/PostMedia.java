package io.parley.connectors.support;

import java.net.URI;
import java.util.Map;

/** A photo, video or file a customer's post carries, as its connector found it. */
public sealed interface PostMedia {

  /**
   * A file to fetch. {@code url} is never shown nor logged (Telegram's holds the bot token); {@code
   * link} is where an agent can see the file on the network (null: nowhere), named in the post's
   * text when the file is not fetched; {@code headers} (an access token) go to the url's own host
   * only, never after a redirect to another.
   */
  record File(String url, String fileName, String link, Map<String, String> headers)
      implements PostMedia {

    public File {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public File(String url, String fileName, String link) {
      this(url, fileName, link, Map.of());
    }
  }

  /**
   * Media only named in the post's text ("[video: https://…]"), never fetched: a video or a voice
   * message whose file would be too large or useless as an attachment.
   */
  record Link(String label, String link) implements PostMedia {}

  /** A file the connector could not even locate (the network refused to say where it is). */
  record Missing(String fileName, String link, String reason) implements PostMedia {}

  /** The last segment of {@code url}'s path ("abc.jpg"), or {@code fallback}. */
  static String nameOf(String url, String fallback) {
    try {
      String path = URI.create(url).getPath();
      String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
      return name.isBlank() ? fallback : name;
    } catch (IllegalArgumentException | NullPointerException e) {
      return fallback;
    }
  }
}
