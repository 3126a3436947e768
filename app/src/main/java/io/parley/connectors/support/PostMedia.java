package io.parley.connectors.support;

import io.parley.channels.InboundMedia;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * What to fetch of media a post carried by reference: a photo or file from its url; of a video or
   * GIF its still, with a link to the clip; what has no url only named with its link.
   */
  static List<PostMedia> of(List<InboundMedia> media) {
    List<PostMedia> found = new ArrayList<>();
    for (InboundMedia m : media) {
      boolean clip = "video".equals(m.type()) || "gif".equals(m.type());
      String label = "gif".equals(m.type()) ? "GIF" : m.type();
      if (m.url() == null) {
        found.add(new Link(label, m.link()));
      } else if (clip) {
        found.add(new File(m.url(), "preview-" + nameOf(m.url(), "image.jpg"), m.seenAt()));
        found.add(new Link(label, m.link()));
      } else {
        found.add(new File(m.url(), nameOf(m.url(), m.type()), m.seenAt()));
      }
    }
    return found;
  }

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
