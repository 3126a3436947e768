package io.parley.connectors.mastodon;

import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.OutboundMessage;
import io.parley.channels.PollResult;
import io.parley.channels.TextLimit;
import io.parley.connectors.support.MediaDownloads;
import io.parley.connectors.support.PostMedia;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Mastodon account. Polls {@code GET /api/v1/notifications?types[]=mention} forward from the
 * newest notification seen ({@code min_id}: the page right after it, so a burst is read in full);
 * replies with {@code POST /api/v1/statuses} ({@code in_reply_to_id}, {@code visibility} public or
 * direct) under an {@code Idempotency-Key}, so a retried send never posts twice. A 429 waits until
 * {@code X-RateLimit-Reset}. The media of a status reach the case as {@link MediaDownloads} says:
 * images fetched from {@code url}; of a video or GIF only the preview image, with a link to the
 * clip (clips often outgrow the attachment limit, an MP4 is only ever a download to an agent, and
 * the still shows what it is about); audio and unknown types as links.
 */
class MastodonConnector implements ChannelConnector {

  static final String DIRECT_THREAD = "direct:";
  private static final int PAGE = 40;

  private final ConnectorAccount account;
  private final JsonMapper json;
  private final HttpClient http;
  private final String base;
  private final MediaDownloads media;
  private volatile String ownId;

  MastodonConnector(ConnectorAccount account, JsonMapper json, MediaDownloads media) {
    this.account = account;
    this.json = json;
    this.media = media;
    String url = account.setting(MastodonConnectorFactory.INSTANCE_URL, "").strip();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public PollResult poll(String cursor) {
    String own = ownId();
    String url = base + "/api/v1/notifications?types[]=mention&limit=" + PAGE;
    if (cursor != null && cursor.matches("\\d{1,30}")) {
      url += "&min_id=" + cursor;
    }
    JsonNode root = get(url.replace("[]", "%5B%5D"), "notifications");
    if (!root.isArray()) {
      throw new ConnectorException("Mastodon sent malformed notifications (not a list)", null);
    }
    List<InboundMessage> found = new ArrayList<>();
    String newest = cursor;
    MediaDownloads.Batch downloads = media.batch(account, base);
    for (JsonNode notification : root) {
      String id = text(notification, "id");
      if (id == null) {
        continue;
      }
      newest = max(newest, id);
      if (!"mention".equals(text(notification, "type"))) {
        continue;
      }
      status(notification.path("status"), own, downloads).ifPresent(found::add);
    }
    found.sort(Comparator.comparing(m -> number(m.externalId())));
    return new PollResult(found, newest, root.size() >= PAGE);
  }

  @Override
  public Optional<InboundMessage> fetch(String externalId) {
    if (externalId == null || !externalId.matches("\\d{1,30}")) {
      return Optional.empty();
    }
    HttpResponse<String> response = call(request(base + "/api/v1/statuses/" + externalId).GET());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return status(parse(ok(response, "a status"), "a status"), ownId(), media.batch(account, base));
  }

  private Optional<InboundMessage> status(
      JsonNode status, String own, MediaDownloads.Batch downloads) {
    String id = text(status, "id");
    JsonNode author = status.path("account");
    String authorId = text(author, "id");
    if (id == null || authorId == null || authorId.equals(own)) {
      return Optional.empty();
    }
    boolean direct = "direct".equals(text(status, "visibility"));
    String parent = text(status, "in_reply_to_id");
    String html = text(status, "content");
    MediaDownloads.Fetched files = downloads.fetch(id, media(status.path("media_attachments")));
    return Optional.of(
        new InboundMessage(
            id,
            direct ? DIRECT_THREAD + authorId : null,
            parent == null ? List.of() : List.of(parent),
            author(author),
            null,
            files.text(html == null ? "" : toText(html)),
            files.html(html),
            files.attachments(),
            !direct,
            instant(text(status, "created_at")),
            Map.of(),
            InboundMessage.Source.DIRECT,
            text(status, "language")));
  }

  /**
   * A status's {@code media_attachments} (https://docs.joinmastodon.org/entities/MediaAttachment/).
   */
  static List<PostMedia> media(JsonNode attachments) {
    List<PostMedia> found = new ArrayList<>();
    for (JsonNode attachment : attachments) {
      String type = text(attachment, "type");
      // url is the copy on the brand's instance; it is null until the instance has cached a
      // remote status's file, which remote_url then names.
      String url =
          text(attachment, "url") != null
              ? text(attachment, "url")
              : text(attachment, "remote_url");
      String preview = text(attachment, "preview_url");
      switch (type == null ? "unknown" : type) {
        case "image" -> {
          if (url != null) {
            found.add(new PostMedia.File(url, PostMedia.nameOf(url, "image"), url));
          }
        }
        case "video", "gifv" -> {
          String label = "video".equals(type) ? "video" : "GIF";
          if (preview != null) {
            found.add(
                new PostMedia.File(
                    preview, "preview-" + PostMedia.nameOf(preview, "image"), preview));
          }
          if (url != null) {
            found.add(new PostMedia.Link(label, url));
          }
        }
        default -> {
          if (url != null) {
            found.add(new PostMedia.Link(type == null ? "file" : type, url));
          }
        }
      }
    }
    return found;
  }

  private static InboundAuthor author(JsonNode account) {
    JsonNode followers = account.path("followers_count");
    String note = text(account, "note");
    String name = text(account, "display_name");
    return new InboundAuthor(
        "mastodon",
        text(account, "id"),
        text(account, "acct"),
        name == null ? text(account, "username") : name,
        null,
        text(account, "url"),
        note == null ? null : toText(note),
        followers.isNumber() ? followers.asInt() : null);
  }

  /** A status's HTML as text: paragraphs and line breaks kept, links as their text. */
  static String toText(String html) {
    String text =
        html.replaceAll("(?i)<br\\s*/?>", "\n")
            .replaceAll("(?i)</p>\\s*<p[^>]*>", "\n\n")
            .replaceAll("<[^>]*>", "");
    return org.springframework.web.util.HtmlUtils.htmlUnescape(text).strip();
  }

  @Override
  public DeliveryResult send(OutboundMessage message) {
    String text = message.text() == null ? "" : message.text().strip();
    String handle = message.recipientHandle();
    if (handle != null && !handle.isBlank() && !mentions(text, handle)) {
      // A direct status reaches only whom it mentions; a public reply names whom it answers.
      text = "@" + handle + " " + text;
    }
    if (!message.publicReply() && (handle == null || handle.isBlank())) {
      return DeliveryResult.failed("A private Mastodon answer needs the customer's handle");
    }
    TextLimit limit = TextLimit.mastodon(MastodonConnectorFactory.MAX_CHARACTERS);
    if (!limit.fits(text)) {
      return DeliveryResult.failed(
          "Reply too long for Mastodon: "
              + limit.length(text)
              + " of "
              + limit.max()
              + " (not cut)");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", text);
    String inReplyTo = message.inReplyTo();
    if (inReplyTo != null && inReplyTo.matches("\\d{1,30}")) {
      body.put("in_reply_to_id", inReplyTo);
    }
    body.put("visibility", message.publicReply() ? "public" : "direct");
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request(base + "/api/v1/statuses")
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", message.idempotencyKey())
                  .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return DeliveryResult.retry("Mastodon unreachable: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.retry("Interrupted while sending to Mastodon", null);
    } catch (IllegalArgumentException | ConnectorException e) {
      return DeliveryResult.failed("Invalid Mastodon instance URL");
    }
    int status = response.statusCode();
    if (status == 200) {
      try {
        String id = text(json.readTree(response.body()), "id");
        return DeliveryResult.sent(id != null ? id : message.idempotencyKey());
      } catch (JacksonException e) {
        return DeliveryResult.sent(message.idempotencyKey());
      }
    }
    String error = "Mastodon answered " + status + ": " + error(response.body());
    if (status == 429) {
      return DeliveryResult.retry(error, resetWait(response.headers()));
    }
    if (status >= 500 || status == 401) {
      return DeliveryResult.retry(error, null);
    }
    return DeliveryResult.failed(error);
  }

  private static boolean mentions(String text, String handle) {
    return java.util.regex.Pattern.compile(
            "(?<![\\w@])@" + java.util.regex.Pattern.quote(handle) + "(?![\\w@])",
            java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(text)
        .find();
  }

  private String ownId() {
    String known = ownId;
    if (known != null) {
      return known;
    }
    String id = text(get(base + "/api/v1/accounts/verify_credentials", "the account"), "id");
    if (id == null) {
      throw new ConnectorException("Mastodon did not say whose token this is", null);
    }
    ownId = id;
    return id;
  }

  private HttpRequest.Builder request(String url) {
    try {
      return HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30))
          .header(
              "Authorization",
              "Bearer " + account.setting(MastodonConnectorFactory.ACCESS_TOKEN, ""))
          .header("Accept", "application/json")
          .header("User-Agent", "Parley");
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("Invalid Mastodon instance URL: " + base, e);
    }
  }

  private JsonNode get(String url, String what) {
    return parse(ok(call(request(url).GET()), what), what);
  }

  private HttpResponse<String> call(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConnectorException("Mastodon unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException("Interrupted while calling Mastodon", e);
    }
  }

  private String ok(HttpResponse<String> response, String what) {
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    String message =
        "Mastodon answered " + status + " reading " + what + ": " + error(response.body());
    if (status == 429) {
      throw new ConnectorException(message, null, resetWait(response.headers()));
    }
    throw new ConnectorException(message, null);
  }

  private JsonNode parse(String body, String what) {
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !(root.isObject() || root.isArray())) {
        throw new ConnectorException("Mastodon sent a malformed answer for " + what, null);
      }
      return root;
    } catch (JacksonException e) {
      throw new ConnectorException(
          "Mastodon sent a malformed answer for " + what + ": " + e.getOriginalMessage(), e);
    }
  }

  private String error(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    try {
      String error = text(json.readTree(body), "error");
      if (error != null) {
        return error;
      }
    } catch (JacksonException e) {
      // not JSON
    }
    return body.length() > 200 ? body.substring(0, 200) : body;
  }

  /** Until {@code X-RateLimit-Reset} (an ISO 8601 time); a minute when the server does not say. */
  static Duration resetWait(HttpHeaders headers) {
    Optional<String> reset = headers.firstValue("X-RateLimit-Reset");
    if (reset.isPresent()) {
      try {
        Duration wait = Duration.between(Instant.now(), Instant.parse(reset.get().strip()));
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    return Duration.ofMinutes(1);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.path(field);
    if (value != null && (value.isString() || value.isNumber())) {
      String s = value.asString();
      return s.isBlank() ? null : s;
    }
    return null;
  }

  private static Instant instant(String value) {
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static BigInteger number(String id) {
    try {
      return new BigInteger(id);
    } catch (NumberFormatException e) {
      return BigInteger.ZERO;
    }
  }

  private static String max(String a, String b) {
    if (a == null || !a.matches("\\d{1,30}")) {
      return b;
    }
    return number(a).compareTo(number(b)) >= 0 ? a : b;
  }
}
