package io.parley.connectors.mastodon;

import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMedia;
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
 *
 * <p>The public statuses of the account's listened hashtags ({@code GET
 * /api/v1/timelines/tag/:hashtag}, starting when a tag is first read; each poll from {@link
 * #LATE_ARRIVALS} before the newest read, for remote statuses that arrive late) come as listened
 * posts, their media by reference: fetched ({@link #fetchMedia}) only for a status that becomes a
 * case.
 */
class MastodonConnector implements ChannelConnector {

  static final String DIRECT_THREAD = "direct:";
  private static final int PAGE = 40;

  /**
   * How far behind the newest status read a hashtag's timeline is read again. Mastodon gives a
   * remote status the id of its publishing time, so one that federates late (its server was slow,
   * or retried) lands among the statuses already read; read again, those already taken are
   * recognised as duplicates.
   */
  static final Duration LATE_ARRIVALS = Duration.ofMinutes(10);

  /** Pages of one hashtag read in one batch; a busier tag goes on in the next batch. */
  private static final int MAX_TAG_PAGES = 5;

  private final ConnectorAccount account;
  private final JsonMapper json;
  private final HttpClient http;
  private final String base;
  private final MediaDownloads media;
  private final List<String> hashtags;
  private volatile String ownId;

  MastodonConnector(ConnectorAccount account, JsonMapper json, MediaDownloads media) {
    this.account = account;
    this.json = json;
    this.media = media;
    String url = account.setting(MastodonConnectorFactory.INSTANCE_URL, "").strip();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    // As many as the form takes (an account saved before it took fewer keeps the first), so that
    // the cursor always fits.
    this.hashtags =
        MastodonConnectorFactory.hashtags(account.setting(MastodonConnectorFactory.HASHTAGS))
            .stream()
            .filter(t -> t.length() <= MastodonConnectorFactory.MAX_HASHTAG_LENGTH)
            .limit(MastodonConnectorFactory.MAX_HASHTAGS)
            .toList();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public PollResult poll(String cursor) {
    String own = ownId();
    Cursor at = Cursor.parse(cursor);
    String url = base + "/api/v1/notifications?types[]=mention&limit=" + PAGE;
    if (at.notifications() != null) {
      url += "&min_id=" + at.notifications();
    }
    JsonNode root = get(url.replace("[]", "%5B%5D"), "notifications");
    if (!root.isArray()) {
      throw new ConnectorException("Mastodon sent malformed notifications (not a list)", null);
    }
    List<InboundMessage> found = new ArrayList<>();
    String newest = at.notifications();
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
    boolean more = root.size() >= PAGE;
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : hashtags) {
      String from = at.tags().get(tag);
      if (from == null) {
        // Listening starts when the tag is first read: what was posted before is history.
        String newestOfTag = null;
        for (JsonNode status : tagTimeline(tag, null)) {
          newestOfTag = max(newestOfTag, statusId(status));
        }
        tags.put(tag, newestOfTag == null ? "0" : newestOfTag);
        continue;
      }
      String after = from;
      String newestOfTag = null;
      boolean full = false;
      for (int pages = 0; pages < MAX_TAG_PAGES; pages++) {
        JsonNode page = tagTimeline(tag, after);
        String newestOfPage = null;
        for (JsonNode status : page) {
          String id = statusId(status);
          if (id != null) {
            newestOfPage = max(newestOfPage, id);
            listened(status, own).ifPresent(found::add);
          }
        }
        full = newestOfPage != null && page.size() >= PAGE;
        newestOfTag = max(newestOfTag, newestOfPage);
        if (!full) {
          break;
        }
        after = newestOfPage;
      }
      // Caught up: the next poll reads again from a while before the newest status, for remote
      // ones arriving late. Not yet: the next batch goes on from the last one read.
      tags.put(tag, full ? newestOfTag : lateArrivalsFrom(from, newestOfTag));
      more |= full;
    }
    found.sort(Comparator.comparing(m -> number(m.externalId())));
    return new PollResult(found, new Cursor(newest, tags).toString(), more);
  }

  /** A status's id, if it is one (digits). */
  private static String statusId(JsonNode status) {
    String id = text(status, "id");
    return id != null && id.matches("\\d{1,30}") ? id : null;
  }

  /**
   * Where a caught-up hashtag's timeline is read from next: {@link #LATE_ARRIVALS} before the
   * newest status read (in the id's own encoding: milliseconds since the epoch, shifted 16 bits),
   * never before {@code from}.
   */
  static String lateArrivalsFrom(String from, String newest) {
    if (newest == null) {
      return from;
    }
    BigInteger behind =
        number(newest).subtract(BigInteger.valueOf(LATE_ARRIVALS.toMillis()).shiftLeft(16));
    return behind.compareTo(number(from)) > 0 ? behind.toString() : from;
  }

  /**
   * A hashtag's public timeline ({@code GET /api/v1/timelines/tag/:hashtag}) right after the status
   * {@code since} ({@code min_id}: the page next to it); without one, its newest page.
   */
  private JsonNode tagTimeline(String tag, String since) {
    String url =
        base
            + "/api/v1/timelines/tag/"
            + java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8)
            + "?limit="
            + PAGE;
    if (since != null) {
      url += "&min_id=" + since;
    }
    JsonNode page = get(url, "the #" + tag + " timeline");
    if (!page.isArray()) {
      throw new ConnectorException("Mastodon sent a malformed #" + tag + " timeline", null);
    }
    return page;
  }

  /**
   * Where the poll is: the newest mention notification seen, and of each listened hashtag the
   * status its timeline is read after ({@code 0}: none yet). Written {@code
   * <notification>;#tag=<status>;...} (the notification id alone when no hashtag is listened to).
   */
  record Cursor(String notifications, Map<String, String> tags) {

    static Cursor parse(String cursor) {
      String notifications = null;
      Map<String, String> tags = new LinkedHashMap<>();
      for (String part : cursor == null ? new String[0] : cursor.split(";")) {
        if (part.matches("\\d{1,30}")) {
          notifications = part;
        } else if (part.startsWith("#") && part.indexOf('=') > 1) {
          String id = part.substring(part.indexOf('=') + 1);
          if (id.matches("\\d{1,30}")) {
            tags.put(part.substring(1, part.indexOf('=')), id);
          }
        }
      }
      return new Cursor(notifications, tags);
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (notifications != null) {
        parts.add(notifications);
      }
      tags.forEach((tag, id) -> parts.add("#" + tag + "=" + id));
      return parts.isEmpty() ? null : String.join(";", parts);
    }
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
    if (id == null || !by(status, own)) {
      return Optional.empty();
    }
    boolean direct = "direct".equals(text(status, "visibility"));
    String authorId = text(status.path("account"), "id");
    String html = text(status, "content");
    MediaDownloads.Fetched files =
        downloads.fetch(id, PostMedia.of(media(status.path("media_attachments"))));
    return Optional.of(
        files.applyTo(
            message(
                status,
                direct ? DIRECT_THREAD + authorId : null,
                html == null ? "" : toText(html),
                html,
                InboundMessage.Source.DIRECT,
                List.of())));
  }

  /**
   * A public status found on a listened hashtag, its media by reference (fetched only if it becomes
   * a case). One that mentions the account is left to the mention poll, which brings it as the
   * brand's own with its files; taken first as a listened post, the mention would be a duplicate.
   */
  private Optional<InboundMessage> listened(JsonNode status, String own) {
    String id = text(status, "id");
    if (id == null
        || !by(status, own)
        || !"public".equals(text(status, "visibility"))
        || addressedTo(status, own)) {
      return Optional.empty();
    }
    String html = text(status, "content");
    return Optional.of(
        message(
            status,
            null,
            html == null ? "" : toText(html),
            html,
            InboundMessage.Source.LISTENED,
            media(status.path("media_attachments"))));
  }

  /** Whether a status was written by someone other than the account. */
  private static boolean by(JsonNode status, String own) {
    String author = text(status.path("account"), "id");
    return author != null && !author.equals(own);
  }

  private static boolean addressedTo(JsonNode status, String own) {
    for (JsonNode mention : status.path("mentions")) {
      if (own.equals(text(mention, "id"))) {
        return true;
      }
    }
    return false;
  }

  private static InboundMessage message(
      JsonNode status,
      String thread,
      String text,
      String html,
      InboundMessage.Source source,
      List<InboundMedia> media) {
    String parent = text(status, "in_reply_to_id");
    return new InboundMessage(
        text(status, "id"),
        thread,
        parent == null ? List.of() : List.of(parent),
        author(status.path("account")),
        null,
        text,
        html,
        List.of(),
        thread == null,
        instant(text(status, "created_at")),
        Map.of(),
        source,
        text(status, "language"),
        media);
  }

  @Override
  public List<InboundMessage> fetchMedia(List<InboundMessage> posts, Duration within) {
    return media.batch(account, base).within(within).fetchReferenced(posts);
  }

  /**
   * A status's {@code media_attachments} (https://docs.joinmastodon.org/entities/MediaAttachment/),
   * with their {@code description}: an image from its {@code url}; of a video or GIF its {@code
   * preview_url}, with a link to the clip; audio and unknown types as links.
   */
  static List<InboundMedia> media(JsonNode attachments) {
    List<InboundMedia> found = new ArrayList<>();
    for (JsonNode attachment : attachments) {
      String type = text(attachment, "type");
      // url is the copy on the brand's instance; it is null until the instance has cached a
      // remote status's file, which remote_url then names.
      String url =
          text(attachment, "url") != null
              ? text(attachment, "url")
              : text(attachment, "remote_url");
      String preview = text(attachment, "preview_url");
      String description = text(attachment, "description");
      switch (type == null ? "unknown" : type) {
        case "image" -> {
          if (url != null) {
            found.add(new InboundMedia("photo", url, url, description));
          }
        }
        case "video", "gifv" -> {
          if (preview != null || url != null) {
            found.add(
                new InboundMedia(
                    "video".equals(type) ? "video" : "gif", preview, url, description));
          }
        }
        default -> {
          if (url != null) {
            found.add(
                new InboundMedia("audio".equals(type) ? "audio" : "file", null, url, description));
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

  /** The larger of two ids; one that is not an id (null) loses. */
  private static String max(String a, String b) {
    if (a == null || !a.matches("\\d{1,30}")) {
      return b;
    }
    if (b == null || !b.matches("\\d{1,30}")) {
      return a;
    }
    return number(a).compareTo(number(b)) >= 0 ? a : b;
  }
}
