package io.parley.connectors.telegram;

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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Telegram bot. In polling mode, {@code getUpdates} from the cursor ({@code offset}: the next
 * update id; Telegram forgets what came before it, and the cursor moves only after storage). In
 * webhook mode, each poll makes sure Telegram posts to this account's webhook ({@code setWebhook}
 * with the secret token), and each call is accepted only with the right {@code
 * X-Telegram-Bot-Api-Secret-Token}; an update id seen before is a replay and ingests nothing (and
 * the inbound idempotency guard drops a message stored before a restart). A message's id is {@code
 * <chat id>:<message id>} (Telegram numbers messages per chat).
 *
 * <p>A photo (its largest size within the limit) or a document is located with {@code getFile} and
 * fetched as {@link MediaDownloads} says; the file's address holds the bot token, so it is never
 * shown nor logged. Video, voice, audio, stickers and animations are named in the text, not
 * fetched.
 */
class TelegramConnector implements ChannelConnector {

  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final int RECENT_UPDATES = 2048;

  /** Media named in the text, not fetched: the message's field and what to call it. */
  private static final String[][] NAMED_ONLY = {
    {"video", "video"},
    {"animation", "GIF"},
    {"video_note", "video message"},
    {"voice", "voice message"},
    {"audio", "audio"},
    {"sticker", "sticker"}
  };

  private final ConnectorAccount account;
  private final JsonMapper json;
  private final HttpClient http;
  private final String base;
  private final boolean webhookMode;
  private final MediaDownloads media;
  private volatile boolean webhookSet;
  private final Set<Long> recentUpdates =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                  return size() > RECENT_UPDATES;
                }
              }));

  TelegramConnector(ConnectorAccount account, JsonMapper json, MediaDownloads media) {
    this.account = account;
    this.json = json;
    this.media = media;
    String url =
        account.setting(TelegramConnectorFactory.API_BASE_URL, "https://api.telegram.org").strip();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.webhookMode =
        TelegramConnectorFactory.WEBHOOK.equals(account.setting(TelegramConnectorFactory.MODE));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  // ---------------------------------------------------------------- inbound

  @Override
  public PollResult poll(String cursor) {
    if (webhookMode) {
      registerWebhook();
      return PollResult.nothingNew(cursor);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    if (cursor != null && cursor.matches("\\d{1,20}")) {
      params.put("offset", Long.parseLong(cursor));
    }
    params.put("limit", 100);
    params.put("timeout", 0);
    params.put("allowed_updates", List.of("message"));
    JsonNode result = call("getUpdates", params);
    if (!result.isArray()) {
      throw new ConnectorException("Telegram sent malformed updates (not a list)", null);
    }
    List<InboundMessage> found = new ArrayList<>();
    String next = cursor;
    MediaDownloads.Batch downloads = media.batch(account, base);
    for (JsonNode update : result) {
      JsonNode id = update.path("update_id");
      if (!id.isNumber()) {
        continue;
      }
      next = String.valueOf(id.asLong() + 1);
      message(update, downloads).ifPresent(found::add);
    }
    return new PollResult(found, next, result.size() >= 100);
  }

  private void registerWebhook() {
    if (webhookSet) {
      return;
    }
    if (account.webhookUrl() == null) {
      throw new ConnectorException(
          "Parley's public URL is unknown: the webhook cannot be set", null);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("url", account.webhookUrl());
    params.put("secret_token", account.setting(TelegramConnectorFactory.WEBHOOK_SECRET, ""));
    params.put("allowed_updates", List.of("message"));
    call("setWebhook", params);
    webhookSet = true;
  }

  @Override
  public WebhookResponse handleWebhook(WebhookRequest request) {
    String secret = account.setting(TelegramConnectorFactory.WEBHOOK_SECRET);
    String given = request.header(SECRET_HEADER);
    if (!webhookMode || secret == null || given == null || !same(secret, given)) {
      return WebhookResponse.refused(401, "invalid secret token");
    }
    if (!"POST".equalsIgnoreCase(request.method())) {
      return WebhookResponse.refused(405, "method not allowed");
    }
    JsonNode update;
    try {
      update = json.readTree(request.body() == null ? new byte[0] : request.body());
    } catch (JacksonException e) {
      return WebhookResponse.refused(400, "invalid JSON");
    }
    if (update == null || !update.path("update_id").isNumber()) {
      return WebhookResponse.refused(400, "not a Telegram update");
    }
    if (!recentUpdates.add(update.path("update_id").asLong())) {
      // A replay: nothing is ingested again. Answered 200 so that Telegram, if it is Telegram
      // redelivering an update whose answer it lost, stops sending it.
      return new WebhookResponse(200, "application/json", "{\"status\":\"duplicate\"}", List.of());
    }
    return WebhookResponse.accepted(
        message(update, media.batch(account, base)).map(List::of).orElse(List.of()));
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private Optional<InboundMessage> message(JsonNode update, MediaDownloads.Batch downloads) {
    JsonNode message = update.path("message");
    JsonNode chat = message.path("chat");
    JsonNode from = message.path("from");
    if (!message.isObject()
        || !chat.path("id").isNumber()
        || !message.path("message_id").isNumber()
        || !from.path("id").isNumber()
        || from.path("is_bot").asBoolean(false)) {
      return Optional.empty();
    }
    long chatId = chat.path("id").asLong();
    boolean privateChat = "private".equals(text(chat, "type"));
    List<String> parents = new ArrayList<>();
    JsonNode replied = message.path("reply_to_message");
    if (replied.path("message_id").isNumber()) {
      parents.add(chatId + ":" + replied.path("message_id").asLong());
    }
    String text = text(message, "text");
    if (text == null) {
      text = text(message, "caption");
    }
    String username = text(from, "username");
    String name =
        String.join(
                " ",
                Optional.ofNullable(text(from, "first_name")).orElse(""),
                Optional.ofNullable(text(from, "last_name")).orElse(""))
            .strip();
    JsonNode date = message.path("date");
    String id = chatId + ":" + message.path("message_id").asLong();
    MediaDownloads.Fetched files = downloads.fetch(id, media(message));
    return Optional.of(
        files.applyTo(
            new InboundMessage(
                id,
                privateChat ? "chat:" + chatId : null,
                parents,
                new InboundAuthor(
                    "telegram",
                    String.valueOf(from.path("id").asLong()),
                    username,
                    name.isEmpty() ? username : name,
                    null,
                    username == null ? null : "https://t.me/" + username),
                null,
                text == null ? "" : text,
                null,
                List.of(),
                !privateChat,
                date.isNumber() ? Instant.ofEpochSecond(date.asLong()) : null,
                Map.of(),
                InboundMessage.Source.DIRECT,
                text(from, "language_code"))));
  }

  /** Media a message carries (https://core.telegram.org/bots/api#message). */
  private List<PostMedia> media(JsonNode message) {
    List<PostMedia> found = new ArrayList<>();
    JsonNode photo = message.path("photo");
    if (photo.isArray() && !photo.isEmpty()) {
      // The sizes of one photo, smallest first: the largest within the limit (else the smallest,
      // refused with the reason).
      JsonNode chosen = photo.get(0);
      for (JsonNode size : photo) {
        if (size.path("file_size").asLong(0) <= media.maxFileSize()) {
          chosen = size;
        }
      }
      found.add(file(chosen, null, "photo.jpg"));
    }
    JsonNode document = message.path("document");
    // An animation comes with a document too (for older clients): named, not fetched, as a video.
    if (document.isObject() && !message.path("animation").isObject()) {
      found.add(file(document, text(document, "file_name"), "document"));
    }
    for (String[] kind : NAMED_ONLY) {
      if (message.path(kind[0]).isObject()) {
        found.add(new PostMedia.Link(kind[1] + ", not downloaded", null));
      }
    }
    return found;
  }

  /** A file located with {@code getFile}; its address is the token's (never shown). */
  private PostMedia file(JsonNode file, String name, String unnamed) {
    String fileId = text(file, "file_id");
    String fallback = name != null ? name : unnamed;
    if (fileId == null) {
      return new PostMedia.Missing(fallback, null, "Telegram gave no file_id");
    }
    long size = file.path("file_size").asLong(0);
    if (size > media.maxFileSize()) {
      // Known too large from the message itself: not located (getFile) only to be refused.
      return new PostMedia.Missing(
          fallback, null, "larger than " + MediaDownloads.size(media.maxFileSize()));
    }
    try {
      String path = text(call("getFile", Map.of("file_id", fileId)), "file_path");
      if (path == null) {
        return new PostMedia.Missing(fallback, null, "Telegram gave no file_path");
      }
      String token = account.setting(TelegramConnectorFactory.BOT_TOKEN, "");
      return new PostMedia.File(
          base + "/file/bot" + token + "/" + path,
          name != null ? name : PostMedia.nameOf("file:/" + path, fallback),
          null);
    } catch (ConnectorException e) {
      // Its text never holds the token (see call).
      return new PostMedia.Missing(fallback, null, e.getMessage());
    }
  }

  // ---------------------------------------------------------------- outbound

  @Override
  public DeliveryResult send(OutboundMessage message) {
    String text = message.text() == null ? "" : message.text().strip();
    if (text.isEmpty()) {
      return DeliveryResult.failed("Telegram refuses an empty message");
    }
    TextLimit limit = TextLimit.utf16(4096);
    if (!limit.fits(text)) {
      return DeliveryResult.failed(
          "Reply too long for Telegram: " + limit.length(text) + " of 4096 (not cut)");
    }
    String[] answered = split(message.inReplyTo());
    Map<String, Object> params = new LinkedHashMap<>();
    if (message.publicReply() && answered != null) {
      params.put("chat_id", Long.parseLong(answered[0]));
    } else if (message.recipient() != null && message.recipient().matches("-?\\d{1,20}")) {
      // Privately: the user's own chat with the bot (its id is the user's id).
      params.put("chat_id", Long.parseLong(message.recipient()));
    } else {
      return DeliveryResult.failed("No Telegram chat to answer in");
    }
    params.put("text", text);
    if (answered != null && params.get("chat_id").equals(Long.parseLong(answered[0]))) {
      params.put(
          "reply_parameters",
          Map.of("message_id", Long.parseLong(answered[1]), "allow_sending_without_reply", true));
    }
    try {
      JsonNode sent = call("sendMessage", params);
      JsonNode id = sent.path("message_id");
      return DeliveryResult.sent(
          id.isNumber() ? params.get("chat_id") + ":" + id.asLong() : message.idempotencyKey());
    } catch (Refused e) {
      if (e.retryAfter != null) {
        return DeliveryResult.retry(e.getMessage(), e.retryAfter);
      }
      return e.status >= 500 || e.status == 401
          ? DeliveryResult.retry(e.getMessage(), null)
          : DeliveryResult.failed(e.getMessage());
    } catch (ConnectorException e) {
      return DeliveryResult.retry(e.getMessage(), e.retryAfter());
    }
  }

  private static String[] split(String externalId) {
    if (externalId == null || !externalId.matches("-?\\d{1,20}:\\d{1,20}")) {
      return null;
    }
    return externalId.split(":");
  }

  // ---------------------------------------------------------------- HTTP

  /** Telegram refused a call: its {@code error_code} and {@code description}. */
  static final class Refused extends ConnectorException {
    final int status;
    final Duration retryAfter;

    Refused(int status, String message, Duration retryAfter) {
      super(message, null, retryAfter);
      this.status = status;
      this.retryAfter = retryAfter;
    }
  }

  /** Calls a Bot API method with JSON parameters; the {@code result} when {@code ok}. */
  private JsonNode call(String method, Map<String, Object> params) {
    String token = account.setting(TelegramConnectorFactory.BOT_TOKEN, "");
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(base + "/bot" + token + "/" + method))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("User-Agent", "Parley")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(params)))
              .build();
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("Invalid Telegram API URL or bot token", null);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The exception text may hold the URL, and the URL holds the token: never show it.
      throw new ConnectorException(
          "Telegram unreachable (" + e.getClass().getSimpleName() + ")", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException("Interrupted while calling Telegram", null);
    }
    JsonNode root;
    try {
      root = json.readTree(response.body());
    } catch (JacksonException e) {
      root = null;
    }
    int status = response.statusCode();
    if (root == null || !root.isObject() || !root.path("ok").isBoolean()) {
      if (status >= 500) {
        throw new Refused(status, "Telegram answered " + status + " to " + method, null);
      }
      throw new ConnectorException("Telegram sent a malformed answer to " + method, null);
    }
    if (root.path("ok").asBoolean()) {
      return root.path("result");
    }
    int code = root.path("error_code").isNumber() ? root.path("error_code").asInt() : status;
    String description = text(root, "description");
    String message =
        "Telegram refused "
            + method
            + " ("
            + code
            + "): "
            + (description == null ? "" : description);
    Duration wait = null;
    if (code == 429) {
      JsonNode after = root.path("parameters").path("retry_after");
      wait =
          Duration.ofSeconds(
              after.isNumber()
                  ? Math.max(1, after.asLong())
                  : response
                      .headers()
                      .firstValue("Retry-After")
                      .filter(v -> v.matches("\\d+"))
                      .map(Long::parseLong)
                      .orElse(60L));
    }
    throw new Refused(code, message, wait);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.path(field);
    if (value != null && (value.isString() || value.isNumber())) {
      String s = value.asString();
      return s.isBlank() ? null : s;
    }
    return null;
  }
}
