package io.parley.connectors.wechat;

import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundAttachment;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.OutboundMessage;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WeChat official account (公众号). WeChat calls {@code /hooks/{account}}: GET with {@code
 * echostr} to confirm the URL, POST with one XML message or event. Both carry {@code signature},
 * {@code timestamp} and {@code nonce}; a wrong signature, a timestamp too far from now or a
 * timestamp and nonce seen before are refused. In safe or compatible mode ({@code
 * encrypt_type=aes}) the message is read only from its {@code Encrypt} element, signed by {@code
 * msg_signature}, decrypted with the account's EncodingAESKey and refused unless it names the
 * account's AppID; once the account has an EncodingAESKey, a push without it is refused. A message
 * is answered within WeChat's five seconds with "success" (the agents answer later through the
 * customer-service API, within 48 hours of the customer's last message), or with a passive XML
 * reply when one is ready at once (the welcome text on subscribe, the acknowledgement text if set),
 * encrypted when the message was.
 *
 * <p>A follower's photo is fetched from its {@code PicUrl} (WeChat's image CDN, no access token) as
 * {@link MediaDownloads} says, within part of WeChat's five seconds; one that cannot be fetched is
 * named in the text with its link and the reason. Voice and video are named in the text (voice by
 * WeChat's transcript when it gives one), not fetched.
 */
class WechatConnector implements ChannelConnector {

  private static final Logger log = LoggerFactory.getLogger(WechatConnector.class);
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final int REMEMBERED_USERS = 10_000;

  /**
   * What the photo of one callback may take: with the follower's name (at most two seconds), the
   * answer stays within the five seconds after which WeChat gives up and sends the message again.
   */
  static final Duration MEDIA_TIME = Duration.ofMillis(2500);

  private final ConnectorAccount account;
  private final Clock clock;
  private final WechatApi api;
  private final ReplayGuard replays;
  private final MediaDownloads media;
  private final String token;
  private final String appId;
  private final WechatCipher cipher;
  private final Map<String, String> nameOf = lru(REMEMBERED_USERS);

  WechatConnector(ConnectorAccount account, JsonMapper json, Clock clock, MediaDownloads media) {
    this.account = account;
    this.clock = clock;
    this.media = media;
    this.api =
        new WechatApi(
            account.setting(WechatConnectorFactory.API_URL, WechatConnectorFactory.DEFAULT_API),
            account.setting(WechatConnectorFactory.APP_ID),
            account.setting(WechatConnectorFactory.APP_SECRET),
            json,
            clock,
            Duration.ofSeconds(10));
    this.replays =
        new ReplayGuard(
            Duration.ofSeconds(account.intSetting(WechatConnectorFactory.MAX_SKEW, 300)), 50_000);
    this.token = account.setting(WechatConnectorFactory.TOKEN);
    this.appId = account.setting(WechatConnectorFactory.APP_ID);
    String key = account.setting(WechatConnectorFactory.ENCODING_AES_KEY);
    // Validated when saved; an unusable key leaves encrypted messages refused, with the reason.
    this.cipher = WechatCipher.isEncodingAesKey(key) ? new WechatCipher(key) : null;
  }

  @Override
  public WebhookResponse handleWebhook(WebhookRequest request) {
    Map<String, String> q = request.query();
    String timestamp = q.get("timestamp");
    String nonce = q.get("nonce");
    if (!SortedSha1.matches(q.get("signature"), token, timestamp, nonce)) {
      return WebhookResponse.refused(401, "invalid signature");
    }
    switch (replays.check(timestamp, nonce, clock.instant())) {
      case STALE -> {
        return WebhookResponse.refused(403, "stale timestamp");
      }
      case REPLAYED -> {
        return WebhookResponse.refused(403, "replayed request");
      }
      default -> {}
    }
    if ("GET".equalsIgnoreCase(request.method())) {
      // An official account confirms its URL with a plaintext echostr in every message mode (only
      // WeCom encrypts it).
      String echo = q.get("echostr");
      return echo == null
          ? WebhookResponse.refused(400, "echostr missing")
          : new WebhookResponse(200, "text/plain;charset=UTF-8", echo, List.of());
    }
    if (!"POST".equalsIgnoreCase(request.method())) {
      return WebhookResponse.refused(405, "method not allowed");
    }
    Map<String, String> xml;
    try {
      xml = WechatXml.read(request.body() == null ? new byte[0] : request.body());
    } catch (IllegalArgumentException e) {
      return WebhookResponse.refused(400, "malformed XML");
    }
    boolean encrypted = "aes".equalsIgnoreCase(q.get("encrypt_type"));
    if (!encrypted && cipher != null) {
      // With an EncodingAESKey WeChat always encrypts (safe and compatible mode): a plaintext push
      // bears only the URL's signature, which does not cover the body, so it is refused.
      return refuseEncrypted(400, "plaintext message, but the account expects encrypt_type=aes");
    }
    if (encrypted && cipher == null && !isPlaintextMessage(xml)) {
      return WebhookResponse.refused(
          400, "encrypted message: set the account's EncodingAESKey for safe mode");
    }
    if (!encrypted || cipher == null) {
      // Plaintext mode, or compatible mode read from its plaintext fields (and answered in
      // plaintext, which compatible mode accepts) while no EncodingAESKey is set.
      return answer(xml);
    }
    // Safe or compatible mode: only the signed, encrypted copy counts.
    String encrypt = xml.get("Encrypt");
    if (!SortedSha1.matches(q.get("msg_signature"), token, timestamp, nonce, encrypt)) {
      return WebhookResponse.refused(401, "invalid msg_signature");
    }
    WechatCipher.Decrypted decrypted = cipher.decrypt(encrypt);
    if (!decrypted.ok()) {
      return refuseEncrypted(400, "undecryptable message: " + decrypted.failure());
    }
    if (!decrypted.appId().equals(appId)) {
      return refuseEncrypted(
          403, "message encrypted for AppID " + decrypted.appId() + ", not this account's");
    }
    Map<String, String> inner;
    try {
      inner = WechatXml.read(decrypted.message().getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return refuseEncrypted(400, "malformed XML inside Encrypt");
    }
    return encryptReply(answer(inner), nonce);
  }

  private static boolean isPlaintextMessage(Map<String, String> xml) {
    return xml.get("FromUserName") != null && xml.get("MsgType") != null;
  }

  private WebhookResponse refuseEncrypted(int status, String reason) {
    // The account's health shows the refusal too; the log keeps every one of them.
    log.warn("WeChat account {} refused a safe-mode message: {}", account.id().value(), reason);
    return WebhookResponse.refused(status, reason);
  }

  /**
   * A passive reply encrypted as safe mode requires, signed like WeChat's messages; "success" needs
   * no encryption.
   */
  private WebhookResponse encryptReply(WebhookResponse answer, String nonce) {
    if (!answer.contentType().startsWith("application/xml")) {
      return answer;
    }
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    String encrypt = cipher.encrypt(answer.body(), appId);
    return new WebhookResponse(
        answer.status(),
        answer.contentType(),
        WechatXml.encryptedReply(
            encrypt, SortedSha1.of(token, timestamp, nonce, encrypt), timestamp, nonce),
        answer.messages());
  }

  /** What a message or event read in plaintext asks for. */
  private WebhookResponse answer(Map<String, String> xml) {
    String from = xml.get("FromUserName");
    String to = xml.get("ToUserName");
    String type = xml.getOrDefault("MsgType", "");
    if (from == null || from.isBlank() || to == null || type.isBlank()) {
      if (xml.containsKey("Encrypt")) {
        return WebhookResponse.refused(
            400, "encrypted message without encrypt_type=aes and msg_signature");
      }
      return WebhookResponse.refused(400, "FromUserName, ToUserName and MsgType are required");
    }
    long created = parseLong(xml.get("CreateTime"), clock.instant().getEpochSecond());
    if ("event".equals(type)) {
      return event(xml, from, to, created);
    }
    InboundMessage message = message(xml, type, from, created);
    if (message == null) {
      return WebhookResponse.refused(400, "MsgId and content are required");
    }
    String ack = account.setting(WechatConnectorFactory.ACK_TEXT);
    return ack == null || ack.isBlank()
        ? success(List.of(message))
        : passive(from, to, ack, List.of(message));
  }

  private InboundMessage message(Map<String, String> xml, String type, String from, long created) {
    String msgId = xml.get("MsgId");
    String text =
        switch (type) {
          case "text" -> xml.get("Content");
          // The photo itself is attached, or named below with its PicUrl (withPicture).
          case "image" -> "[图片 image]";
          case "voice" ->
              xml.get("Recognition") != null && !xml.get("Recognition").isBlank()
                  ? "[语音 voice] " + xml.get("Recognition")
                  : "[语音 voice] " + xml.getOrDefault("MediaId", "");
          case "video", "shortvideo" -> "[视频 video] " + xml.getOrDefault("MediaId", "");
          case "location" ->
              "[位置 location] "
                  + xml.getOrDefault("Label", "")
                  + " ("
                  + xml.getOrDefault("Location_X", "")
                  + ", "
                  + xml.getOrDefault("Location_Y", "")
                  + ")";
          case "link" ->
              "[链接 link] "
                  + xml.getOrDefault("Title", "")
                  + " — "
                  + xml.getOrDefault("Description", "")
                  + " "
                  + xml.getOrDefault("Url", "");
          default -> "[" + type + "]";
        };
    if (msgId == null || msgId.isBlank() || text == null || text.isBlank()) {
      return null;
    }
    Map<String, String> signals = new LinkedHashMap<>();
    signals.put("wechat-msgtype", type);
    if (xml.get("MediaId") != null) {
      signals.put("wechat-media-id", xml.get("MediaId"));
    }
    InboundMessage message = inbound("wechat:" + msgId, from, text.strip(), created, signals);
    return "image".equals(type) ? withPicture(message, xml.get("PicUrl"), msgId) : message;
  }

  /**
   * The message with the follower's photo attached, fetched from its {@code PicUrl}; one that
   * cannot be fetched in time is named in the text with the PicUrl and the reason.
   */
  private InboundMessage withPicture(InboundMessage message, String picUrl, String msgId) {
    // A PicUrl ends in "/0": the file is named after its message.
    String name = "image-" + msgId + ".jpg";
    PostMedia picture =
        picUrl == null || picUrl.isBlank()
            ? new PostMedia.Missing(name, null, "no PicUrl in the message")
            : new PostMedia.File(picUrl, name, picUrl);
    MediaDownloads.Fetched fetched =
        media.batch(account).within(MEDIA_TIME).fetch(message.externalId(), List.of(picture));
    return new MediaDownloads.Fetched(
            fetched.attachments().stream().map(WechatConnector::extensionOfItsType).toList(),
            fetched.notes())
        .applyTo(message);
  }

  /** WeChat's photos are JPEG; a file served as another image type is named for it. */
  private static InboundAttachment extensionOfItsType(InboundAttachment file) {
    String extension =
        switch (file.contentType()) {
          case "image/png" -> ".png";
          case "image/gif" -> ".gif";
          case "image/webp" -> ".webp";
          default -> null;
        };
    if (extension == null || !file.fileName().endsWith(".jpg")) {
      return file;
    }
    String name = file.fileName().substring(0, file.fileName().length() - 4) + extension;
    return new InboundAttachment(name, file.contentType(), file.content(), file.contentId());
  }

  private WebhookResponse event(Map<String, String> xml, String from, String to, long created) {
    String event = xml.getOrDefault("Event", "").toLowerCase(java.util.Locale.ROOT);
    switch (event) {
      case "subscribe" -> {
        // A follow is not a question: no case, but the welcome answers at once if set.
        String welcome = account.setting(WechatConnectorFactory.WELCOME_TEXT);
        return welcome == null || welcome.isBlank()
            ? success(List.of())
            : passive(from, to, welcome, List.of());
      }
      case "unsubscribe" -> {
        return success(List.of());
      }
      case "click" -> {
        String key = xml.getOrDefault("EventKey", "");
        // Events carry no MsgId: WeChat recommends FromUserName + CreateTime to recognise retries.
        InboundMessage message =
            inbound(
                "wechat:event:" + from + ":" + created + ":" + key,
                from,
                "[菜单 menu] " + key,
                created,
                Map.of(
                    "wechat-msgtype", "event", "wechat-event", "CLICK", "wechat-event-key", key));
        return success(List.of(message));
      }
      default -> {
        return success(List.of());
      }
    }
  }

  private InboundMessage inbound(
      String externalId, String openid, String text, long created, Map<String, String> signals) {
    return new InboundMessage(
        externalId,
        // One conversation per follower: it continues the case it is already on.
        "wechat:conversation:" + openid,
        List.of(),
        new InboundAuthor("wechat", openid, null, displayName(openid), null, null),
        null,
        text,
        null,
        List.of(),
        false,
        Instant.ofEpochSecond(created),
        signals,
        InboundMessage.Source.DIRECT,
        null);
  }

  /** The name the account gave the follower (remark), if WeChat tells; never delays for long. */
  private String displayName(String openid) {
    if (!account.flag(WechatConnectorFactory.FETCH_USER_INFO)) {
      return null;
    }
    String known = nameOf.get(openid);
    if (known != null) {
      return known.isEmpty() ? null : known;
    }
    WechatApi.Answer info =
        api.call(
            "GET",
            "/cgi-bin/user/info",
            Map.of("openid", openid, "lang", "zh_CN"),
            null,
            // Within WeChat's five seconds for the whole callback.
            Duration.ofSeconds(2));
    if (!info.ok()) {
      log.debug(
          "WeChat user info of {} unavailable: {} {}", openid, info.failure(), info.errcode());
      return null;
    }
    // Since 2021 WeChat no longer returns nicknames; the remark an agent set is what remains.
    String name = info.body().path("remark").asString("");
    if (name.isBlank()) {
      name = info.body().path("nickname").asString("");
    }
    nameOf.put(openid, name.strip());
    return name.isBlank() ? null : name.strip();
  }

  private static WebhookResponse success(List<InboundMessage> messages) {
    return new WebhookResponse(200, "text/plain;charset=UTF-8", "success", messages);
  }

  private WebhookResponse passive(
      String openid, String account, String text, List<InboundMessage> messages) {
    return new WebhookResponse(
        200,
        "application/xml;charset=UTF-8",
        WechatXml.textReply(openid, account, clock.instant().getEpochSecond(), text),
        messages);
  }

  @Override
  public DeliveryResult send(OutboundMessage message) {
    String openid = message.recipient();
    if (openid == null || openid.isBlank() || openid.contains("@")) {
      return DeliveryResult.failed("No WeChat follower to answer (the customer has no openid)");
    }
    String text = message.text() == null ? "" : message.text().strip();
    if (text.isEmpty()) {
      return DeliveryResult.failed("Empty reply");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("touser", openid);
    body.put("msgtype", "text");
    body.put("text", Map.of("content", text));
    WechatApi.Answer answer = api.call("POST", "/cgi-bin/message/custom/send", Map.of(), body);
    if (answer.ok()) {
      // The customer-service API returns no message id.
      return DeliveryResult.sent("wechat:sent:" + message.idempotencyKey());
    }
    return failure(answer);
  }

  /** What a failed WeChat call means for the reply and the account's health. */
  DeliveryResult failure(WechatApi.Answer answer) {
    if (answer.failure() != null) {
      return DeliveryResult.retry(answer.failure(), null);
    }
    int code = answer.errcode();
    String error = "WeChat errcode " + code + " " + answer.errmsg();
    return switch (code) {
      case -1 -> DeliveryResult.retry(error + " (system busy)", Duration.ofSeconds(30));
      case 45009 -> DeliveryResult.retry(error + " (daily API quota used up)", untilMidnight());
      case 45011 ->
          DeliveryResult.retry(error + " (API calls per minute exceeded)", Duration.ofMinutes(1));
      case 45015 -> DeliveryResult.failed(error + " (more than 48 hours since the customer wrote)");
      case 45047 ->
          DeliveryResult.failed(error + " (too many replies since the customer last wrote)");
      case 43004 -> DeliveryResult.failed(error + " (the customer no longer follows the account)");
      case 40003 -> DeliveryResult.failed(error + " (unknown openid)");
      case 40001, 40014, 42001, 40013, 40125, 40164, 41004 ->
          // Credentials or IP allow-list: an admin must act; the reply waits for them.
          DeliveryResult.retry(
              error + " (check the account's AppID, AppSecret and IP allow-list)",
              Duration.ofMinutes(15));
      default -> DeliveryResult.failed(error);
    };
  }

  private Duration untilMidnight() {
    Instant now = clock.instant();
    Instant midnight =
        LocalDate.ofInstant(now, BEIJING).plusDays(1).atStartOfDay(BEIJING).toInstant();
    return Duration.between(now, midnight);
  }

  private static long parseLong(String value, long fallback) {
    try {
      return value == null ? fallback : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return java.util.Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        });
  }
}
