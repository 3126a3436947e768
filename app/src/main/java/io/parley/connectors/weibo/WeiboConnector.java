package io.parley.connectors.weibo;

import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.OutboundMessage;
import io.parley.channels.PollResult;
import io.parley.channels.TextLimit;
import io.parley.channels.WebhookRequest;
import io.parley.channels.WebhookResponse;
import io.parley.connectors.support.MediaDownloads;
import io.parley.connectors.support.PostMedia;
import io.parley.connectors.support.ReplayGuard;
import io.parley.connectors.support.SortedSha1;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Weibo account. Polls three feeds from their own {@code since_id}: posts mentioning the
 * account ({@code statuses/mentions}), comments mentioning it ({@code comments/mentions}) and
 * comments on its posts ({@code comments/to_me}); the cursor moves only when all three were read,
 * so a failure brings the same posts again. Answers in public with a comment on the post or a reply
 * to the comment. Private messages: the open API has no direct messages for ordinary apps; for a
 * verified (blue V) account whose fans service is in developer mode, followers' messages are pushed
 * to {@code /hooks/{account}} (signed with the app secret) and answered through {@code
 * messages/reply}, within 48 hours of the follower's message.
 *
 * <p>The pictures of a post ({@code pic_urls}, else {@code original_pic}) are fetched full size as
 * {@link MediaDownloads} says, once per poll for a post two feeds bring. Comments carry no pictures
 * in the open API; a fans-service image message names its media id only (not fetched).
 */
class WeiboConnector implements ChannelConnector {

  static final int PAGE = 100;
  static final int MAX_PAGES = 5;
  static final DateTimeFormatter WEIBO_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.US);

  private final ConnectorAccount account;
  private final JsonMapper json;
  private final Clock clock;
  private final WeiboApi api;
  private final String apiUrl;
  private final String messageUrl;
  private final MediaDownloads media;
  private final ReplayGuard replays = new ReplayGuard(Duration.ofMinutes(5), 50_000);

  WeiboConnector(ConnectorAccount account, JsonMapper json, Clock clock, MediaDownloads media) {
    this.account = account;
    this.media = media;
    this.json = json;
    this.clock = clock;
    this.api =
        new WeiboApi(account.setting(WeiboConnectorFactory.TOKEN), json, Duration.ofSeconds(10));
    this.apiUrl =
        account
            .setting(WeiboConnectorFactory.API_URL, WeiboConnectorFactory.DEFAULT_API)
            .replaceAll("/+$", "");
    this.messageUrl =
        account
            .setting(
                WeiboConnectorFactory.MESSAGE_API_URL, WeiboConnectorFactory.DEFAULT_MESSAGE_API)
            .replaceAll("/+$", "");
  }

  /** The three feeds and where each stands. */
  private enum Feed {
    MENTIONED_POSTS("s", "/statuses/mentions.json", "statuses"),
    MENTIONING_COMMENTS("c", "/comments/mentions.json", "comments"),
    COMMENTS_TO_ME("t", "/comments/to_me.json", "comments");

    final String key;
    final String path;
    final String list;

    Feed(String key, String path, String list) {
      this.key = key;
      this.path = path;
      this.list = list;
    }
  }

  @Override
  public PollResult poll(String cursor) {
    Map<String, Long> since = parseCursor(cursor);
    List<Item> items = new ArrayList<>();
    Map<String, Long> next = new LinkedHashMap<>(since);
    for (Feed feed : Feed.values()) {
      long from = since.getOrDefault(feed.key, 0L);
      long newest = from;
      // The first poll takes the latest page only; later polls page back to since_id.
      int pages = from == 0 ? 1 : MAX_PAGES;
      for (int page = 1; page <= pages; page++) {
        Map<String, String> params = new LinkedHashMap<>();
        if (from > 0) {
          params.put("since_id", String.valueOf(from));
        }
        params.put("count", String.valueOf(PAGE));
        params.put("page", String.valueOf(page));
        WeiboApi.Answer answer = api.get(apiUrl + feed.path, params);
        if (!answer.ok()) {
          throw failure(answer);
        }
        JsonNode list = answer.body().path(feed.list);
        if (!list.isArray()) {
          throw new ConnectorException(
              "Weibo answered without a " + feed.list + " list on " + feed.path, null);
        }
        for (JsonNode node : list) {
          Item item = feed == Feed.MENTIONED_POSTS ? status(node) : comment(node);
          if (item == null) {
            throw new ConnectorException("Weibo sent a malformed entry on " + feed.path, null);
          }
          newest = Math.max(newest, item.id());
          if (!ownPost(node)) {
            items.add(item);
          }
        }
        if (list.size() < PAGE) {
          break;
        }
      }
      next.put(feed.key, newest);
    }
    items.sort(Comparator.comparing(Item::at).thenComparing(Item::id));
    // A comment may come in two feeds (mentioning the account, on its post): taken, and its
    // pictures fetched, once.
    MediaDownloads.Batch downloads = media.batch(account);
    java.util.Set<String> taken = new java.util.HashSet<>();
    List<InboundMessage> messages = new ArrayList<>();
    for (Item item : items) {
      if (taken.add(item.message().externalId())) {
        messages.add(item.withMedia(downloads));
      }
    }
    return new PollResult(messages, cursorOf(next), false);
  }

  /** A post or comment as read, and the pictures it carries (not fetched yet). */
  private record Item(long id, Instant at, InboundMessage message, List<PostMedia> pictures) {

    /** The message with its pictures fetched: attached, or named in its text. */
    InboundMessage withMedia(MediaDownloads.Batch downloads) {
      return downloads.fetch(message.externalId(), pictures).applyTo(message);
    }
  }

  private boolean ownPost(JsonNode node) {
    String own = account.setting(WeiboConnectorFactory.UID);
    return own != null
        && own.equals(
            node.path("user").path("idstr").asString(node.path("user").path("id").asString("")));
  }

  private Item status(JsonNode node) {
    String id = idOf(node);
    String text = node.path("text").asString(null);
    InboundAuthor author = author(node.path("user"));
    if (id == null || text == null || author == null) {
      return null;
    }
    String parent = idOf(node.path("retweeted_status"));
    Instant at = time(node.path("created_at").asString(""));
    return new Item(
        Long.parseLong(id),
        at,
        new InboundMessage(
            statusId(id),
            parent == null ? null : statusId(parent),
            parent == null ? List.of() : List.of(statusId(parent)),
            author,
            null,
            text,
            null,
            List.of(),
            true,
            at,
            signals(node.path("user"), "status"),
            InboundMessage.Source.DIRECT,
            null),
        pictures(node));
  }

  private Item comment(JsonNode node) {
    String id = idOf(node);
    String text = node.path("text").asString(null);
    InboundAuthor author = author(node.path("user"));
    String status = idOf(node.path("status"));
    if (id == null || text == null || author == null || status == null) {
      return null;
    }
    String replyTo = idOf(node.path("reply_comment"));
    Instant at = time(node.path("created_at").asString(""));
    return new Item(
        Long.parseLong(id),
        at,
        new InboundMessage(
            commentId(status, id),
            statusId(status),
            List.of(replyTo == null ? statusId(status) : commentId(status, replyTo)),
            author,
            null,
            text,
            null,
            List.of(),
            true,
            at,
            signals(node.path("user"), "comment"),
            InboundMessage.Source.DIRECT,
            null),
        // Documented comments carry no pictures; should one carry a post's picture fields, they
        // are the customer's (never those of the post it comments on).
        pictures(node));
  }

  /**
   * A post's pictures, full size: {@code pic_urls} lists each one's {@code thumbnail_pic}, and
   * Weibo's image hosts serve the same picture under {@code /large/}; {@code original_pic} (the
   * first picture, full size) stands in when there is no list.
   */
  static List<PostMedia> pictures(JsonNode node) {
    java.util.Set<String> urls = new java.util.LinkedHashSet<>();
    for (JsonNode picture : node.path("pic_urls")) {
      String thumbnail = picture.path("thumbnail_pic").asString("");
      if (!thumbnail.isBlank()) {
        urls.add(thumbnail.strip().replaceFirst("/(thumbnail|bmiddle)/", "/large/"));
      }
    }
    String original = node.path("original_pic").asString("");
    if (urls.isEmpty() && !original.isBlank()) {
      urls.add(original.strip());
    }
    return urls.stream()
        .<PostMedia>map(url -> new PostMedia.File(url, PostMedia.nameOf(url, "picture.jpg"), url))
        .toList();
  }

  private static Map<String, String> signals(JsonNode user, String kind) {
    Map<String, String> signals = new LinkedHashMap<>();
    signals.put("weibo-kind", kind);
    if (user.path("verified").asBoolean(false)) {
      signals.put("author-verified", "true");
    }
    return signals;
  }

  static InboundAuthor author(JsonNode user) {
    String id = idOf(user);
    if (id == null) {
      return null;
    }
    String handle = user.path("screen_name").asString(null);
    String name = user.path("name").asString(handle);
    String bio = user.path("description").asString("");
    JsonNode followers = user.path("followers_count");
    return new InboundAuthor(
        "weibo",
        id,
        handle,
        name,
        null,
        "https://weibo.com/u/" + id,
        bio.isBlank() ? null : bio,
        followers.canConvertToInt() ? followers.asInt() : null);
  }

  /** {@code idstr} where given (ids exceed a double's precision), else {@code id}. */
  static String idOf(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode idstr = node.path("idstr");
    String value =
        idstr.isString() && !idstr.asString().isBlank()
            ? idstr.asString()
            : node.path("id").isIntegralNumber() || node.path("id").isString()
                ? node.path("id").asString()
                : null;
    return value != null && value.matches("\\d{1,20}") ? value : null;
  }

  private Instant time(String value) {
    try {
      return ZonedDateTime.parse(value, WEIBO_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return clock.instant();
    }
  }

  static String statusId(String id) {
    return "weibo:status:" + id;
  }

  static String commentId(String status, String id) {
    return "weibo:comment:" + status + ":" + id;
  }

  /** A post Parley never saw (the parent of a comment); comments cannot be fetched one by one. */
  @Override
  public java.util.Optional<InboundMessage> fetch(String externalId) {
    if (externalId == null || !externalId.matches("weibo:status:\\d{1,20}")) {
      return java.util.Optional.empty();
    }
    WeiboApi.Answer answer =
        api.get(
            apiUrl + "/statuses/show.json",
            Map.of("id", externalId.substring("weibo:status:".length())));
    if (answer.errorCode() == 20101 || answer.status() == 404) {
      return java.util.Optional.empty(); // deleted
    }
    if (!answer.ok()) {
      throw failure(answer);
    }
    if (ownPost(answer.body())) {
      return java.util.Optional.empty();
    }
    Item item = status(answer.body());
    return item == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(item.withMedia(media.batch(account)));
  }

  /** A poll failure, with the wait Weibo asks for when it is a rate limit. */
  private ConnectorException failure(WeiboApi.Answer answer) {
    int code = answer.errorCode();
    if (WeiboApi.RATE_LIMITED.contains(code) || answer.status() == 429) {
      Duration wait = resetIn();
      return new ConnectorException(
          answer.describe() + ": rate limited, next try in " + wait.toSeconds() + " s", null, wait);
    }
    if (WeiboApi.TOKEN_REFUSED.contains(code)) {
      return new ConnectorException(
          answer.describe()
              + ": the access token is expired or revoked; authorize the account"
              + " again and save the new token",
          null);
    }
    return new ConnectorException(answer.describe(), null);
  }

  /** When the rate limit resets, as {@code account/rate_limit_status} says; else an hour. */
  Duration resetIn() {
    WeiboApi.Answer status = api.get(apiUrl + "/account/rate_limit_status.json", Map.of());
    if (status.ok() && status.body().path("reset_time_in_seconds").isNumber()) {
      long seconds = status.body().path("reset_time_in_seconds").asLong();
      return Duration.ofSeconds(Math.max(1, Math.min(seconds, 3600)));
    }
    return Duration.ofHours(1);
  }

  private static Map<String, Long> parseCursor(String cursor) {
    Map<String, Long> since = new LinkedHashMap<>();
    if (cursor == null) {
      return since;
    }
    for (String part : cursor.split(";")) {
      String[] kv = part.split("=", 2);
      if (kv.length == 2 && kv[1].matches("\\d{1,19}")) {
        since.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    return since;
  }

  private static String cursorOf(Map<String, Long> since) {
    StringBuilder cursor = new StringBuilder();
    for (Feed feed : Feed.values()) {
      if (!cursor.isEmpty()) {
        cursor.append(';');
      }
      cursor.append(feed.key).append('=').append(since.getOrDefault(feed.key, 0L));
    }
    return cursor.toString();
  }

  // --- fans-service push (private messages of verified accounts) ---

  @Override
  public WebhookResponse handleWebhook(WebhookRequest request) {
    String secret = account.setting(WeiboConnectorFactory.APP_SECRET);
    if (secret == null || secret.isBlank()) {
      return WebhookResponse.refused(403, "fans-service push is not set up on this account");
    }
    Map<String, String> q = request.query();
    if (!SortedSha1.matches(q.get("signature"), secret, q.get("timestamp"), q.get("nonce"))) {
      return WebhookResponse.refused(401, "invalid signature");
    }
    switch (replays.check(q.get("timestamp"), q.get("nonce"), clock.instant())) {
      case STALE -> {
        return WebhookResponse.refused(403, "stale timestamp");
      }
      case REPLAYED -> {
        return WebhookResponse.refused(403, "replayed request");
      }
      default -> {}
    }
    if ("GET".equalsIgnoreCase(request.method())) {
      String echo = q.get("echostr");
      return echo == null
          ? WebhookResponse.refused(400, "echostr missing")
          : new WebhookResponse(200, "text/plain;charset=UTF-8", echo, List.of());
    }
    JsonNode push;
    try {
      push = json.readTree(request.body() == null ? new byte[0] : request.body());
    } catch (JacksonException e) {
      return WebhookResponse.refused(400, "malformed JSON");
    }
    if (push == null || !push.isObject()) {
      return WebhookResponse.refused(400, "malformed JSON");
    }
    String type = push.path("type").asString("");
    String sender = push.path("sender_id").asString("");
    if (type.isBlank() || !sender.matches("\\d{1,20}")) {
      return WebhookResponse.refused(400, "type and sender_id are required");
    }
    JsonNode data = push.path("data");
    String text =
        switch (type) {
          case "text" -> push.path("text").asString("");
          case "position" ->
              "[位置 location] "
                  + data.path("longitude").asString("")
                  + ", "
                  + data.path("latitude").asString("");
          case "image" ->
              "[图片 image] " + data.path("tovfid").asString(data.path("vfid").asString(""));
          case "voice" ->
              "[语音 voice] " + data.path("tovfid").asString(data.path("vfid").asString(""));
          case "event" ->
              "click".equals(data.path("subtype").asString(""))
                  ? "[菜单 menu] " + data.path("key").asString("")
                  : null;
          default -> null;
        };
    if (text == null || text.isBlank()) {
      return new WebhookResponse(200, "text/plain;charset=UTF-8", "", List.of());
    }
    String created = push.path("created_at").asString("");
    Instant at = time(created);
    // A push carries no message id: sender, time and content name it for the idempotency guard.
    String externalId =
        "weibo:dm:" + sender + ":" + at.getEpochSecond() + ":" + shortHash(type + "\n" + text);
    InboundMessage message =
        new InboundMessage(
            externalId,
            "weibo:dm:" + sender,
            List.of(),
            new InboundAuthor("weibo", sender, null, null, null, "https://weibo.com/u/" + sender),
            null,
            text,
            null,
            List.of(),
            false,
            at,
            Map.of("weibo-kind", "message", "weibo-msgtype", type),
            InboundMessage.Source.DIRECT,
            null);
    return new WebhookResponse(200, "text/plain;charset=UTF-8", "", List.of(message));
  }

  private static String shortHash(String value) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- answers ---

  @Override
  public DeliveryResult send(OutboundMessage message) {
    String text = message.text() == null ? "" : message.text().strip();
    if (text.isEmpty()) {
      return DeliveryResult.failed("Empty reply");
    }
    String parent = message.inReplyTo();
    boolean publicParent =
        parent != null
            && (parent.startsWith("weibo:comment:") || parent.startsWith("weibo:status:"));
    try {
      if (message.publicReply() && publicParent) {
        String mention =
            message.recipientHandle() == null || message.recipientHandle().isBlank()
                ? ""
                : "回复@" + message.recipientHandle() + ":";
        if (!mention.isEmpty() && !text.contains("@" + message.recipientHandle())) {
          text = mention + text;
        }
        return comment(parent, text);
      }
      return privateMessage(message.recipient(), text);
    } catch (IllegalArgumentException e) {
      return DeliveryResult.failed(e.getMessage());
    }
  }

  private DeliveryResult comment(String parent, String text) {
    TextLimit limit = TextLimit.weibo(140);
    if (!limit.fits(text)) {
      return DeliveryResult.failed(
          "A Weibo comment takes at most 140 characters; this reply counts " + limit.length(text));
    }
    String[] parts = parent.split(":");
    WeiboApi.Answer answer;
    String status;
    if (parts[1].equals("comment") && parts.length == 4) {
      status = parts[2];
      answer =
          api.post(
              apiUrl + "/comments/reply.json",
              // The mention is in the text already (counted by the composer).
              ordered("cid", parts[3], "id", status, "comment", text, "without_mention", "1"),
              false);
    } else {
      status = parts[2];
      answer =
          api.post(apiUrl + "/comments/create.json", ordered("id", status, "comment", text), false);
    }
    if (!answer.ok()) {
      return deliveryFailure(answer);
    }
    String id = idOf(answer.body());
    return DeliveryResult.sent(id == null ? "weibo:comment:" + status : commentId(status, id));
  }

  private DeliveryResult privateMessage(String recipient, String text) {
    if (recipient == null || !recipient.matches("\\d{1,20}")) {
      return DeliveryResult.failed("No Weibo user to write to (the customer has no Weibo uid)");
    }
    TextLimit limit = TextLimit.weibo(300);
    if (!limit.fits(text)) {
      return DeliveryResult.failed(
          "A Weibo message takes at most 300 characters; this reply counts " + limit.length(text));
    }
    WeiboApi.Answer answer =
        api.post(
            messageUrl + "/messages/reply.json",
            ordered(
                "receiver_id",
                recipient,
                "type",
                "text",
                "data",
                json.writeValueAsString(Map.of("text", text)),
                "save_sender_box",
                "1"),
            true);
    if (!answer.ok()) {
      return deliveryFailure(answer);
    }
    return DeliveryResult.sent("weibo:dm-sent:" + recipient + ":" + clock.millis());
  }

  private DeliveryResult deliveryFailure(WeiboApi.Answer answer) {
    int code = answer.errorCode();
    String error = answer.describe();
    if (WeiboApi.RATE_LIMITED.contains(code) || answer.status() == 429) {
      return DeliveryResult.retry(error + " (rate limited)", resetIn());
    }
    if (WeiboApi.TOKEN_REFUSED.contains(code)) {
      return DeliveryResult.retry(
          error + " (access token expired or revoked: save a new one)", Duration.ofMinutes(15));
    }
    if (code == 20016 || code == 10003 || code == 10001) {
      return DeliveryResult.retry(error, Duration.ofMinutes(5));
    }
    if (answer.failure() != null
        && answer.body() == null
        && answer.status() < 500
        && answer.status() != 0) {
      return DeliveryResult.failed(error);
    }
    if (answer.status() == 0 || answer.status() >= 500) {
      return DeliveryResult.retry(error, null);
    }
    return DeliveryResult.failed(error);
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put(kv[i], kv[i + 1]);
    }
    return map;
  }
}
