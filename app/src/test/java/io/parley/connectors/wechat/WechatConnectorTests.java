package io.parley.connectors.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundMessage;
import io.parley.channels.OutboundMessage;
import io.parley.channels.WebhookRequest;
import io.parley.channels.WebhookResponse;
import io.parley.connectors.support.SortedSha1;
import io.parley.identity.BrandId;
import io.parley.support.PostedMedia;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WeChat connector against WireMock replaying the documented payloads (see
 * resources/connectors/wechat/README.md), without the application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WechatConnectorTests {

  static final String TOKEN = "AcmeWechatToken2026";
  static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

  WireMockServer wechat;
  int nonces;

  @BeforeAll
  void start() {
    wechat = new WireMockServer(options().dynamicPort());
    wechat.start();
  }

  @BeforeEach
  void reset() {
    wechat.resetAll();
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/stable_token"))
            .willReturn(json(payload("stable_token.json"))));
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/user/info")).willReturn(json(payload("user_info.json"))));
  }

  @AfterAll
  void stop() {
    wechat.stop();
  }

  @Test
  void confirmsItsUrlByEchoingTheSignedEchostr() {
    WebhookResponse response = connector(Map.of()).handleWebhook(signed("GET", null, "echo-1234"));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("echo-1234");
    // An official account's echostr stays plaintext in safe mode too.
    WebhookResponse safe =
        connector(Map.of("wechatEncodingAesKey", WechatCipherTests.ACME_KEY))
            .handleWebhook(signed("GET", null, "echo-5678"));
    assertThat(safe.body()).isEqualTo("echo-5678");
  }

  @Test
  void refusesAWrongSignatureAStaleTimestampAndAReplayedNonce() {
    WechatConnector connector = connector(Map.of());
    var forged =
        new WebhookRequest(
            "POST",
            Map.of(),
            Map.of("signature", "0".repeat(40), "timestamp", ts(NOW), "nonce", "1"),
            payload("text.xml"));
    assertThat(connector.handleWebhook(forged).status()).isEqualTo(401);

    var stale = signedAt(NOW.minus(Duration.ofMinutes(10)), "POST", payload("text.xml"), null);
    WebhookResponse staleResponse = connector.handleWebhook(stale);
    assertThat(staleResponse.status()).isEqualTo(403);
    assertThat(staleResponse.body()).contains("stale");
    assertThat(staleResponse.messages()).isEmpty();

    var once = signed("POST", payload("text.xml"), null);
    assertThat(connector.handleWebhook(once).messages()).hasSize(1);
    WebhookResponse again = connector.handleWebhook(once);
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.body()).contains("replayed");
    assertThat(again.messages()).isEmpty();
  }

  @Test
  void readsATextMessageAsAPrivateMessageOfTheFollowerAndAnswersSuccess() {
    WebhookResponse response =
        connector(Map.of()).handleWebhook(signed("POST", payload("text.xml"), null));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("success");
    InboundMessage message = response.messages().get(0);
    assertThat(message.externalId()).isEqualTo("wechat:24451870000000001");
    assertThat(message.text()).isEqualTo("你好，X12 蓝牙无法连接，怎么办？");
    assertThat(message.publicPost()).isFalse();
    assertThat(message.author().network()).isEqualTo("wechat");
    assertThat(message.author().externalId()).isEqualTo("oAcme_wangjun_0001");
    assertThat(message.author().displayName()).isEqualTo("王军（北京）");
    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1795395600));
  }

  @Test
  void readsImagesVoiceLocationsLinksAndMenuClicks() {
    WechatConnector connector = connector(Map.of());
    wechat.stubFor(
        get(urlPathEqualTo(PIC_PATH))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    // The photo itself is attached (below): its text only says what it is.
    assertThat(text(connector, onCdn(payload("image.xml")))).isEqualTo("[图片 image]");
    assertThat(text(connector, "voice.xml")).isEqualTo("[语音 voice] 屏幕一直闪烁");
    assertThat(text(connector, "location.xml")).isEqualTo("[位置 location] 北京市东城区 (39.915, 116.404)");
    assertThat(text(connector, "link.xml"))
        .contains("X12 蓝牙问题汇总", "https://bbs.example.cn/t/12345");
    WebhookResponse click =
        connector.handleWebhook(signed("POST", payload("event_click.xml"), null));
    assertThat(click.messages().get(0).text()).isEqualTo("[菜单 menu] CONTACT_SUPPORT");
    assertThat(click.messages().get(0).externalId())
        .isEqualTo("wechat:event:oAcme_menu_0003:1795395900:CONTACT_SUPPORT");
    // Every message of a follower names their conversation, which continues its open case.
    WebhookResponse next = connector.handleWebhook(signed("POST", payload("text.xml"), null));
    assertThat(next.messages().get(0).threadId())
        .isEqualTo("wechat:conversation:oAcme_wangjun_0001");
  }

  @Test
  void attachesAFollowersPhotoFromItsPicUrlAndNamesOneThatCannotBeFetched() {
    WechatConnector connector = connector(Map.of());
    wechat.stubFor(
        get(urlPathEqualTo(PIC_PATH))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    InboundMessage photo = message(connector, onCdn(payload("image.xml")));
    assertThat(photo.text()).isEqualTo("[图片 image]");
    assertThat(photo.attachments()).hasSize(1);
    assertThat(photo.attachments().get(0).fileName()).isEqualTo("image-24451870000000002.jpg");
    assertThat(photo.attachments().get(0).contentType()).isEqualTo("image/jpeg");
    assertThat(photo.attachments().get(0).content()).isEqualTo(PostedMedia.JPEG);
    assertThat(photo.signals()).containsEntry("wechat-media-id", "media_id_x12_screen");

    // A PicUrl ends in "/0": a photo served as PNG is named for its type.
    wechat.stubFor(
        get(urlPathEqualTo(PIC_PATH)).willReturn(PostedMedia.served(PostedMedia.PNG, "image/png")));
    InboundMessage png = message(connector, onCdn(payload("image.xml")));
    assertThat(png.attachments().get(0).fileName()).isEqualTo("image-24451870000000002.png");
    assertThat(png.attachments().get(0).content()).isEqualTo(PostedMedia.PNG);

    wechat.stubFor(get(urlPathEqualTo(PIC_PATH)).willReturn(aResponse().withStatus(404)));
    InboundMessage gone = message(connector, onCdn(payload("image.xml")));
    assertThat(gone.attachments()).isEmpty();
    assertThat(gone.text())
        .isEqualTo(
            "[图片 image]\n\n[image-24451870000000002.jpg (not downloaded: HTTP 404): "
                + wechat.baseUrl()
                + PIC_PATH
                + "]");
  }

  @Test
  void givesUpOnASlowPhotoWithinWechatsFiveSeconds() {
    wechat.stubFor(
        get(urlPathEqualTo(PIC_PATH))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg").withFixedDelay(8000)));
    long started = System.nanoTime();
    WebhookResponse response =
        connector(Map.of()).handleWebhook(signed("POST", onCdn(payload("image.xml")), null));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("success");
    assertThat(response.messages().get(0).attachments()).isEmpty();
    assertThat(response.messages().get(0).text()).contains("(not downloaded: timed out)");
    assertThat(took).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void welcomesANewFollowerWithAPassiveReplyAndOpensNoCase() {
    WechatConnector connector = connector(Map.of("wechatWelcomeText", "欢迎关注 Acme手机！"));
    WebhookResponse response =
        connector.handleWebhook(signed("POST", payload("event_subscribe.xml"), null));
    assertThat(response.messages()).isEmpty();
    assertThat(response.contentType()).startsWith("application/xml");
    assertThat(response.body())
        .contains("<ToUserName><![CDATA[oAcme_newfan_0002]]></ToUserName>")
        .contains("<FromUserName><![CDATA[gh_acmemobile01]]></FromUserName>")
        .contains("<MsgType><![CDATA[text]]></MsgType>")
        .contains("<Content><![CDATA[欢迎关注 Acme手机！]]></Content>");
    WebhookResponse gone =
        connector.handleWebhook(signed("POST", payload("event_unsubscribe.xml"), null));
    assertThat(gone.body()).isEqualTo("success");
    assertThat(gone.messages()).isEmpty();
  }

  @Test
  void acknowledgesEveryMessageAtOnceWhenAskedToAndStillHandsItOn() {
    WechatConnector connector = connector(Map.of("wechatAckText", "已收到，客服稍后回复您"));
    WebhookResponse response = connector.handleWebhook(signed("POST", payload("text.xml"), null));
    assertThat(response.messages()).hasSize(1);
    assertThat(response.body()).contains("<Content><![CDATA[已收到，客服稍后回复您]]></Content>");
  }

  @Test
  void refusesMalformedBodies() {
    WechatConnector connector = connector(Map.of());
    WebhookResponse malformed =
        connector.handleWebhook(signed("POST", payload("malformed.xml"), null));
    assertThat(malformed.status()).isEqualTo(400);
    byte[] entity =
        ("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><ToUserName>a</ToUserName><FromUserName>&x;</FromUserName>"
                + "<MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>")
            .getBytes();
    assertThat(connector.handleWebhook(signed("POST", entity, null)).status()).isEqualTo(400);
  }

  @Test
  void readsASafeModeMessageOfWechatsSampleFromItsEncryptedCopy() {
    WebhookResponse response =
        sampleConnector(Map.of()).handleWebhook(samplePush(safeModeSample(), SAMPLE_MSG_SIGNATURE));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("success");
    InboundMessage message = response.messages().get(0);
    assertThat(message.externalId()).isEqualTo("wechat:6054768590064713728");
    assertThat(message.text()).isEqualTo("abcdteT");
    assertThat(message.author().externalId()).isEqualTo("oyORnuP8q7ou2gfYjqLzSIWZf0rs");
    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1409735668));
  }

  @Test
  void trustsOnlyTheEncryptedCopyInCompatibleMode() {
    // msg_signature covers only Encrypt: plaintext fields changed on the way must not count.
    byte[] altered =
        new String(payload("safe_mode_sample.xml"), StandardCharsets.UTF_8)
            .replace("<Content><![CDATA[abcdteT]]>", "<Content><![CDATA[forged]]>")
            .replace("oyORnuP8q7ou2gfYjqLzSIWZf0rs", "oForgedAuthor")
            .getBytes(StandardCharsets.UTF_8);
    WebhookResponse response =
        sampleConnector(Map.of()).handleWebhook(samplePush(altered, SAMPLE_MSG_SIGNATURE));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.messages().get(0).text()).isEqualTo("abcdteT");
    assertThat(response.messages().get(0).author().externalId())
        .isEqualTo("oyORnuP8q7ou2gfYjqLzSIWZf0rs");
  }

  @Test
  void readsCompatibleModeFromItsPlaintextWhileNoEncodingAesKeyIsSet() {
    Map<String, String> noKey = Map.of("wechatEncodingAesKey", "");
    WebhookResponse response =
        sampleConnector(noKey)
            .handleWebhook(samplePush(payload("safe_mode_sample.xml"), SAMPLE_MSG_SIGNATURE));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.messages().get(0).text()).isEqualTo("abcdteT");
    WebhookResponse safeMode =
        sampleConnector(noKey).handleWebhook(samplePush(safeModeSample(), SAMPLE_MSG_SIGNATURE));
    assertThat(safeMode.status()).isEqualTo(400);
    assertThat(safeMode.body()).contains("EncodingAESKey");
    assertThat(safeMode.messages()).isEmpty();
    // Encrypted without encrypt_type=aes: nothing to read it with.
    WebhookResponse unannounced =
        connector(Map.of()).handleWebhook(signed("POST", payload("safe_mode_text.xml"), null));
    assertThat(unannounced.status()).isEqualTo(400);
    assertThat(unannounced.body()).contains("encrypt_type=aes");
  }

  @Test
  void refusesAWrongOrMissingMsgSignature() {
    String wrong = "5d197aaffba7e9b25a30732f161a50dee96bd5fb";
    WebhookResponse forged =
        sampleConnector(Map.of()).handleWebhook(samplePush(safeModeSample(), wrong));
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.body()).contains("invalid msg_signature");
    assertThat(forged.messages()).isEmpty();
    WebhookResponse unsigned =
        sampleConnector(Map.of()).handleWebhook(samplePush(safeModeSample(), null));
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.messages()).isEmpty();
  }

  @Test
  void refusesAMessageEncryptedForAnotherAppId() {
    WebhookResponse response =
        sampleConnector(Map.of("wechatAppId", "wxacme0000000001"))
            .handleWebhook(samplePush(safeModeSample(), SAMPLE_MSG_SIGNATURE));
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).contains("AppID wx2c2769f8efd9abc2");
    assertThat(response.messages()).isEmpty();
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void refusesCorruptedPaddingAndLogsWhy(CapturedOutput log) {
    WebhookResponse response =
        connector(Map.of("wechatEncodingAesKey", WechatCipherTests.ACME_KEY))
            .handleWebhook(encrypted(payload("safe_mode_bad_padding.xml")));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("invalid padding");
    assertThat(response.messages()).isEmpty();
    assertThat(log.getOut())
        .contains("WeChat account 1 refused a safe-mode message")
        .contains("invalid padding (last byte 0): wrong EncodingAESKey or damaged message");
  }

  @Test
  void encryptsPassiveRepliesInSafeModeButNotSuccess() {
    Map<String, String> safe = new HashMap<>();
    safe.put("wechatEncodingAesKey", WechatCipherTests.ACME_KEY);
    WebhookResponse plain = connector(safe).handleWebhook(encrypted(payload("safe_mode_text.xml")));
    assertThat(plain.body()).isEqualTo("success");
    assertThat(plain.messages().get(0).text()).isEqualTo("安全模式：X12 充电很慢，正常吗？请尽快回复，谢谢！");

    safe.put("wechatAckText", "已收到，客服稍后回复您");
    WebhookRequest request = encrypted(payload("safe_mode_text.xml"));
    WebhookResponse acked = connector(safe).handleWebhook(request);
    assertThat(acked.messages()).hasSize(1);
    assertThat(acked.contentType()).startsWith("application/xml");
    Map<String, String> reply = WechatXml.read(acked.body().getBytes(StandardCharsets.UTF_8));
    assertThat(reply).containsOnlyKeys("Encrypt", "MsgSignature", "TimeStamp", "Nonce");
    assertThat(reply.get("TimeStamp")).isEqualTo(ts(NOW));
    assertThat(reply.get("Nonce")).isEqualTo(request.query().get("nonce"));
    assertThat(reply.get("MsgSignature"))
        .isEqualTo(
            SortedSha1.of(TOKEN, reply.get("TimeStamp"), reply.get("Nonce"), reply.get("Encrypt")));
    WechatCipher.Decrypted decrypted =
        new WechatCipher(WechatCipherTests.ACME_KEY).decrypt(reply.get("Encrypt"));
    assertThat(decrypted.appId()).isEqualTo("wxacme0000000001");
    assertThat(decrypted.message())
        .contains("<ToUserName><![CDATA[oAcme_zhaomin_0005]]></ToUserName>")
        .contains("<Content><![CDATA[已收到，客服稍后回复您]]></Content>");
  }

  @Test
  void acceptsOnlyAnEncodingAesKeyOf43LettersAndDigits() {
    var factory = new WechatConnectorFactory(JsonMapper.builder().build(), PostedMedia.downloads());
    Map<String, String> settings = new HashMap<>();
    settings.put("wechatToken", TOKEN);
    assertThat(factory.validate(settings)).isEmpty();
    settings.put("wechatEncodingAesKey", WechatCipherTests.ACME_KEY);
    assertThat(factory.validate(settings)).isEmpty();
    for (String wrong :
        List.of(
            WechatCipherTests.ACME_KEY.substring(1),
            WechatCipherTests.ACME_KEY + "=",
            WechatCipherTests.ACME_KEY.substring(1) + "+",
            "密钥".repeat(21) + "a")) {
      settings.put("wechatEncodingAesKey", wrong);
      assertThat(factory.validate(settings))
          .as(wrong)
          .containsExactly("connector.wechat.encodingAesKey");
    }
  }

  @Test
  void sendsThroughTheCustomerServiceApiWithACachedStableToken() {
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/custom/send"))
            .willReturn(json(payload("custom_send_ok.json"))));
    WechatConnector connector = connector(Map.of());
    assertThat(connector.send(reply("您好，请先更新系统 ^LN")).status())
        .isEqualTo(DeliveryResult.Status.SENT);
    assertThat(connector.send(reply("第二条")).status()).isEqualTo(DeliveryResult.Status.SENT);
    wechat.verify(
        1,
        postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token"))
            .withRequestBody(
                equalToJson(
                    "{\"grant_type\":\"client_credential\",\"appid\":\"wxacme0000000001\","
                        + "\"secret\":\"acme-app-secret\",\"force_refresh\":false}")));
    wechat.verify(
        postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
            .withQueryParam("access_token", equalTo("ACCESS_TOKEN_ONE"))
            .withRequestBody(
                equalToJson(
                    "{\"touser\":\"oAcme_wangjun_0001\",\"msgtype\":\"text\","
                        + "\"text\":{\"content\":\"您好，请先更新系统 ^LN\"}}")));
  }

  @Test
  void fetchesAFreshTokenOnceWhenWechatSaysItExpired() {
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/stable_token"))
            .withRequestBody(matchingJsonPath("$.force_refresh", equalTo("true")))
            .willReturn(json("{\"access_token\":\"ACCESS_TOKEN_TWO\",\"expires_in\":7200}")));
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/custom/send"))
            .withQueryParam("access_token", equalTo("ACCESS_TOKEN_ONE"))
            .willReturn(json(payload("error_40001.json"))));
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/custom/send"))
            .withQueryParam("access_token", equalTo("ACCESS_TOKEN_TWO"))
            .willReturn(json(payload("custom_send_ok.json"))));
    DeliveryResult result = connector(Map.of()).send(reply("hello"));
    assertThat(result.status())
        .as(String.valueOf(result.error()))
        .isEqualTo(DeliveryResult.Status.SENT);
    wechat.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")));
  }

  @Test
  void waitsForTheQuotaAndGivesUpAfterTheReplyWindow() {
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/custom/send"))
            .inScenario("errors")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(payload("error_45009.json")))
            .willSetStateTo("window"));
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/custom/send"))
            .inScenario("errors")
            .whenScenarioStateIs("window")
            .willReturn(json(payload("error_45015.json")))
            .willSetStateTo("down"));
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/custom/send"))
            .inScenario("errors")
            .whenScenarioStateIs("down")
            .willReturn(aResponse().withStatus(502)));
    WechatConnector connector = connector(Map.of());
    DeliveryResult quota = connector.send(reply("a"));
    assertThat(quota.status()).isEqualTo(DeliveryResult.Status.RETRY);
    assertThat(quota.error()).contains("45009");
    // The daily quota resets at midnight Beijing time: 16:00 UTC.
    assertThat(quota.retryAfter()).isEqualTo(Duration.ofHours(8));
    DeliveryResult window = connector.send(reply("b"));
    assertThat(window.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(window.error()).contains("45015", "48 hours");
    DeliveryResult down = connector.send(reply("c"));
    assertThat(down.status()).isEqualTo(DeliveryResult.Status.RETRY);
    assertThat(down.error()).contains("502");
  }

  private String text(WechatConnector connector, String file) {
    return text(connector, payload(file));
  }

  private String text(WechatConnector connector, byte[] body) {
    return message(connector, body).text();
  }

  private InboundMessage message(WechatConnector connector, byte[] body) {
    return connector.handleWebhook(signed("POST", body, null)).messages().get(0);
  }

  /** Where image.xml's PicUrl points on WeChat's image CDN (mmbiz.qpic.cn). */
  static final String PIC_PATH = "/mmbiz_jpg/acme-x12-screen/0";

  /** A payload whose PicUrl points to {@code cdn} (a stub) instead of WeChat's image CDN. */
  static byte[] onCdn(byte[] payload, String cdn) {
    return new String(payload, StandardCharsets.UTF_8)
        .replace("http://mmbiz.qpic.cn", cdn)
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] onCdn(byte[] payload) {
    return onCdn(payload, wechat.baseUrl());
  }

  /**
   * WeChat's Python sample (Sample.py of WXBizMsgCrypt): a text message pushed in compatible mode,
   * with the query it came with. Its {@code signature} is not in the sample: computed with {@code
   * printf '%s' 13205621321409735669spamtest | sha1sum} (token, timestamp and nonce sorted).
   */
  static final String SAMPLE_MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa";

  private WebhookRequest samplePush(byte[] body, String msgSignature) {
    Map<String, String> query = new HashMap<>();
    query.put("signature", "16120ec1b8dbb870f510d87ce6bc2463eae6ca1a");
    query.put("timestamp", "1409735669");
    query.put("nonce", "1320562132");
    query.put("openid", "oyORnuP8q7ou2gfYjqLzSIWZf0rs");
    query.put("encrypt_type", "aes");
    if (msgSignature != null) {
      query.put("msg_signature", msgSignature);
    }
    return new WebhookRequest("POST", Map.of(), query, body);
  }

  /** The sample as safe mode sends it: no plaintext copy. */
  private static byte[] safeModeSample() {
    return ("<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA["
            + WechatCipherTests.encryptOf("safe_mode_sample.xml")
            + "]]></Encrypt></xml>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An account set up as the sample's, at the time of the sample. */
  private WechatConnector sampleConnector(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("wechatAppId", "wx2c2769f8efd9abc2");
    settings.put("wechatAppSecret", "sample-app-secret");
    settings.put("wechatToken", "spamtest");
    settings.put("wechatEncodingAesKey", WechatCipherTests.SAMPLE_KEY);
    settings.put("wechatApiUrl", wechat.baseUrl());
    settings.put("wechatFetchUserInfo", "false");
    settings.put("wechatMaxSkewSeconds", "300");
    settings.putAll(extra);
    return connector(settings, Instant.ofEpochSecond(1409735669));
  }

  /** A safe-mode push of this account's fixture, signed now. */
  private WebhookRequest encrypted(byte[] body) {
    WebhookRequest signed = signed("POST", body, null);
    Map<String, String> query = new HashMap<>(signed.query());
    String encrypt = WechatCipherTests.encryptOf(body);
    query.put("encrypt_type", "aes");
    query.put(
        "msg_signature", SortedSha1.of(TOKEN, query.get("timestamp"), query.get("nonce"), encrypt));
    return new WebhookRequest("POST", Map.of(), query, body);
  }

  private WechatConnector connector(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("wechatAppId", "wxacme0000000001");
    settings.put("wechatAppSecret", "acme-app-secret");
    settings.put("wechatToken", TOKEN);
    settings.put("wechatApiUrl", wechat.baseUrl());
    settings.put("wechatFetchUserInfo", "true");
    settings.put("wechatMaxSkewSeconds", "300");
    settings.putAll(extra);
    return connector(settings, NOW);
  }

  private WechatConnector connector(Map<String, String> settings, Instant now) {
    return new WechatConnector(
        new ConnectorAccount(
            new ChannelAccountId(1),
            new BrandId(1),
            "wechat",
            "Acme 服务号",
            "gh_acmemobile01",
            settings),
        JsonMapper.builder().build(),
        Clock.fixed(now, ZoneOffset.UTC),
        PostedMedia.downloads());
  }

  private WebhookRequest signed(String method, byte[] body, String echostr) {
    return signedAt(NOW, method, body, echostr);
  }

  private WebhookRequest signedAt(Instant at, String method, byte[] body, String echostr) {
    String timestamp = ts(at);
    String nonce = String.valueOf(100000 + nonces++);
    Map<String, String> query = new HashMap<>();
    query.put("signature", SortedSha1.of(TOKEN, timestamp, nonce));
    query.put("timestamp", timestamp);
    query.put("nonce", nonce);
    if (echostr != null) {
      query.put("echostr", echostr);
    }
    return new WebhookRequest(method, Map.of(), query, body);
  }

  private static String ts(Instant at) {
    return String.valueOf(at.getEpochSecond());
  }

  private static OutboundMessage reply(String text) {
    return new OutboundMessage(
        "key-" + text.hashCode(),
        "oAcme_wangjun_0001",
        "王军",
        "Re: x [ACME-1]",
        text,
        null,
        "wechat:24451870000000001",
        List.of(),
        "ACME-1",
        false,
        List.of());
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(Object body) {
    String text =
        body instanceof byte[] bytes
            ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
            : (String) body;
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(text);
  }

  static byte[] payload(String file) {
    try (InputStream in =
        WechatConnectorTests.class.getResourceAsStream("/connectors/wechat/" + file)) {
      return in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing payload " + file, e);
    }
  }
}
