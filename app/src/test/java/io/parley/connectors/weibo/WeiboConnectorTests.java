package io.parley.connectors.weibo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundMessage;
import io.parley.channels.OutboundMessage;
import io.parley.channels.PollResult;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The Weibo connector against WireMock replaying the documented payloads (see
 * resources/connectors/weibo/README.md), without the application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeiboConnectorTests {

  static final String TOKEN = "2.00acmeWeiboToken";
  static final String APP_SECRET = "acme-weibo-app-secret";
  static final Instant NOW = Instant.parse("2026-11-23T03:10:00Z");

  WireMockServer weibo;
  int nonces;

  @BeforeAll
  void start() {
    weibo = new WireMockServer(options().dynamicPort());
    weibo.start();
  }

  @BeforeEach
  void reset() {
    weibo.resetAll();
  }

  @AfterAll
  void stop() {
    weibo.stop();
  }

  void feeds(String statuses, String mentions, String toMe) {
    weibo.stubFor(get(urlPathEqualTo("/2/statuses/mentions.json")).willReturn(json(statuses)));
    weibo.stubFor(get(urlPathEqualTo("/2/comments/mentions.json")).willReturn(json(mentions)));
    weibo.stubFor(get(urlPathEqualTo("/2/comments/to_me.json")).willReturn(json(toMe)));
  }

  @Test
  void readsMentionsAndCommentsAsOneThreadAndMovesEachFeedsCursor() {
    feeds("statuses_mentions.json", "comments_mentions.json", "comments_to_me.json");
    PollResult result = connector().poll(null);

    assertThat(result.messages())
        .extracting(InboundMessage::externalId)
        .containsExactly(
            "weibo:status:4970001234567891",
            "weibo:comment:4970001234567891:4970001234599001",
            "weibo:comment:4970001234567891:4970001234611002");
    InboundMessage post = result.messages().get(0);
    assertThat(post.text()).contains("蓝牙无法连接");
    assertThat(post.publicPost()).isTrue();
    assertThat(post.sentAt()).isEqualTo(Instant.parse("2026-11-23T01:12:05Z"));
    assertThat(post.author().externalId()).isEqualTo("5000000000");
    assertThat(post.author().handle()).isEqualTo("wangjun");
    assertThat(post.author().displayName()).isEqualTo("王军");
    assertThat(post.author().bio()).isEqualTo("生活在北京。");
    assertThat(post.author().followers()).isEqualTo(1204);
    assertThat(post.author().profileUrl()).isEqualTo("https://weibo.com/u/5000000000");
    InboundMessage reply = result.messages().get(2);
    assertThat(reply.threadId()).isEqualTo("weibo:status:4970001234567891");
    assertThat(reply.parentIds())
        .containsExactly("weibo:comment:4970001234567891:4970001234600555");
    assertThat(result.nextCursor())
        .isEqualTo("s=4970001234567891;c=4970001234599001;t=4970001234611002");

    weibo.resetAll();
    feeds("statuses_empty.json", "comments_empty.json", "comments_empty.json");
    PollResult next = connector().poll(result.nextCursor());
    assertThat(next.messages()).isEmpty();
    assertThat(next.nextCursor()).isEqualTo(result.nextCursor());
    weibo.verify(
        getRequestedFor(urlPathEqualTo("/2/comments/to_me.json"))
            .withQueryParam("access_token", equalTo(TOKEN))
            .withQueryParam("since_id", equalTo("4970001234611002")));
  }

  @Test
  void aPostsPicturesAreFetchedFullSizeAndThoseGoneOrTooLargeAreNamedInItsText() {
    servePictures(weibo);

    InboundMessage post = connector().poll(null).messages().get(0);

    assertThat(post.externalId()).isEqualTo("weibo:status:4970009990000001");
    assertThat(post.attachments())
        .extracting(a -> a.fileName())
        .containsExactly("006aBcDegy1hflicker01.jpg", "006aBcDegy1hreceipt02.png");
    assertThat(post.attachments().get(0).content()).isEqualTo(PostedMedia.JPEG);
    assertThat(post.attachments().get(1).content()).isEqualTo(PostedMedia.PNG);
    assertThat(post.text())
        .isEqualTo(
            "@Acme手机 收到的X12屏幕一直闪烁，发票和照片都在这里了，怎么换货？\n\n"
                + "[006aBcDegy1hremoved03.jpg (not downloaded: HTTP 404): "
                + weibo.baseUrl()
                + "/large/006aBcDegy1hremoved03.jpg]\n"
                + "[006aBcDegy1hbigscan04.jpg (not downloaded: larger than 10 MB): "
                + weibo.baseUrl()
                + "/large/006aBcDegy1hbigscan04.jpg]");
    weibo.verify(0, getRequestedFor(urlPathEqualTo("/thumbnail/006aBcDegy1hflicker01.jpg")));
  }

  /** A payload whose pictures are on Weibo's image hosts, served here instead. */
  /**
   * {@code server} serves the feeds with one post of four pictures (on its own address instead of
   * sinaimg.cn): two served full size under {@code /large/}, one gone, one larger than the limit.
   */
  static void servePictures(WireMockServer server) {
    String post =
        new String(payload("statuses_mentions_pictures.json"), StandardCharsets.UTF_8)
            .replace("http://wx1.sinaimg.cn", server.baseUrl())
            .replace("http://wx3.sinaimg.cn", server.baseUrl());
    server.stubFor(get(urlPathEqualTo("/2/statuses/mentions.json")).willReturn(json(post)));
    server.stubFor(
        get(urlPathEqualTo("/2/comments/mentions.json")).willReturn(json("comments_empty.json")));
    server.stubFor(
        get(urlPathEqualTo("/2/comments/to_me.json")).willReturn(json("comments_empty.json")));
    server.stubFor(
        get(urlPathEqualTo("/large/006aBcDegy1hflicker01.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    server.stubFor(
        get(urlPathEqualTo("/large/006aBcDegy1hreceipt02.png"))
            .willReturn(PostedMedia.served(PostedMedia.PNG, "image/png")));
    server.stubFor(
        get(urlPathEqualTo("/large/006aBcDegy1hremoved03.jpg"))
            .willReturn(aResponse().withStatus(404)));
    server.stubFor(
        get(urlPathEqualTo("/large/006aBcDegy1hbigscan04.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.oversized(), "image/jpeg")));
  }

  @Test
  void anExpiredTokenFailsThePollAndSaysWhatToDo() {
    weibo.stubFor(
        get(urlPathEqualTo("/2/statuses/mentions.json"))
            .willReturn(json("error_expired_token.json").withStatus(401)));
    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> connector().poll("s=1;c=1;t=1"));
    assertThat(e.getMessage()).contains("21327", "expired_token", "authorize the account again");
    assertThat(e.retryAfter()).isNull();
  }

  @Test
  void aRateLimitWaitsUntilWeiboResetsIt() {
    weibo.stubFor(
        get(urlPathEqualTo("/2/statuses/mentions.json"))
            .willReturn(json("error_rate_limit.json").withStatus(403)));
    weibo.stubFor(
        get(urlPathEqualTo("/2/account/rate_limit_status.json"))
            .willReturn(json("rate_limit_status.json")));
    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> connector().poll("s=1;c=1;t=1"));
    assertThat(e.getMessage()).contains("10023", "rate limited");
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void serverErrorsAndMalformedAnswersFailThePollWithoutMovingTheCursor() {
    weibo.stubFor(
        get(urlPathEqualTo("/2/statuses/mentions.json"))
            .willReturn(aResponse().withStatus(503).withBody("<html>busy</html>")));
    assertThat(catchThrowableOfType(ConnectorException.class, () -> connector().poll(null)))
        .hasMessageContaining("503");
    weibo.stubFor(
        get(urlPathEqualTo("/2/statuses/mentions.json")).willReturn(json("malformed.json")));
    assertThat(catchThrowableOfType(ConnectorException.class, () -> connector().poll(null)))
        .hasMessageContaining("malformed");
  }

  @Test
  void answersACommentWithAReplyNamingItsAuthorAndAPostWithAComment() {
    weibo.stubFor(
        post(urlPathEqualTo("/2/comments/reply.json")).willReturn(json("comments_reply.json")));
    weibo.stubFor(
        post(urlPathEqualTo("/2/comments/create.json")).willReturn(json("comments_create.json")));
    DeliveryResult reply =
        connector()
            .send(
                message(
                    "车机固件升级后即可连接，已私信您步骤 ^LN",
                    "weibo:comment:4970001234567891:4970001234611002",
                    true));
    assertThat(reply.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(reply.externalId()).isEqualTo("weibo:comment:4970001234567891:4970001234700777");
    weibo.verify(
        postRequestedFor(urlPathEqualTo("/2/comments/reply.json"))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
            .withFormParam("access_token", equalTo(TOKEN))
            .withFormParam("cid", equalTo("4970001234611002"))
            .withFormParam("id", equalTo("4970001234567891"))
            .withFormParam("comment", equalTo("回复@wangjun:车机固件升级后即可连接，已私信您步骤 ^LN"))
            .withFormParam("without_mention", equalTo("1")));
    DeliveryResult comment =
        connector().send(message("您好，已为您登记检测 ^LN", "weibo:status:4970001234567891", true));
    assertThat(comment.externalId()).isEqualTo("weibo:comment:4970001234567891:4970001234700999");
    weibo.verify(
        postRequestedFor(urlPathEqualTo("/2/comments/create.json"))
            .withFormParam("id", equalTo("4970001234567891"))
            .withFormParam("comment", equalTo("回复@wangjun:您好，已为您登记检测 ^LN"))
            .withFormParam("cid", absent()));
  }

  @Test
  void refusesACommentLongerThanWeiboCountsAndRetriesARateLimit() {
    DeliveryResult tooLong =
        connector().send(message("蓝".repeat(141), "weibo:status:4970001234567891", true));
    assertThat(tooLong.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(tooLong.error()).contains("140");
    weibo.stubFor(
        post(urlPathEqualTo("/2/comments/create.json"))
            .willReturn(json("error_rate_limit.json").withStatus(403)));
    weibo.stubFor(
        get(urlPathEqualTo("/2/account/rate_limit_status.json"))
            .willReturn(json("rate_limit_status.json")));
    DeliveryResult limited =
        connector().send(message("好的 ^LN", "weibo:status:4970001234567891", true));
    assertThat(limited.status()).isEqualTo(DeliveryResult.Status.RETRY);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void readsASignedFansServicePushOnceAndAnswersPrivately() {
    WeiboConnector connector = connector();
    WebhookRequest push = signed("POST", payload("push_text.json"));
    WebhookResponse response = connector.handleWebhook(push);
    assertThat(response.status()).isEqualTo(200);
    InboundMessage message = response.messages().get(0);
    assertThat(message.publicPost()).isFalse();
    assertThat(message.threadId()).isEqualTo("weibo:dm:5000000000");
    assertThat(message.author().externalId()).isEqualTo("5000000000");
    assertThat(message.text()).isEqualTo("你好，我的X12蓝牙还是连不上，方便私聊吗？");
    assertThat(message.externalId()).startsWith("weibo:dm:5000000000:");

    assertThat(connector.handleWebhook(push).status()).isEqualTo(403);
    var forged =
        new WebhookRequest(
            "POST",
            Map.of(),
            Map.of(
                "signature",
                "0".repeat(40),
                "timestamp",
                String.valueOf(NOW.toEpochMilli()),
                "nonce",
                "9"),
            payload("push_text.json"));
    assertThat(connector.handleWebhook(forged).status()).isEqualTo(401);
    var echo = new HashMap<>(signed("GET", null).query());
    echo.put("echostr", "dnPdpTZz85");
    assertThat(connector.handleWebhook(new WebhookRequest("GET", Map.of(), echo, null)).body())
        .isEqualTo("dnPdpTZz85");

    weibo.stubFor(
        post(urlPathEqualTo("/2/messages/reply.json")).willReturn(json("messages_reply.json")));
    OutboundMessage privately = message("您好，请把购买凭证发给我们 ^LN", message.externalId(), false);
    assertThat(connector.send(privately).status()).isEqualTo(DeliveryResult.Status.SENT);
    weibo.verify(
        postRequestedFor(urlPathEqualTo("/2/messages/reply.json"))
            .withQueryParam("access_token", equalTo(TOKEN))
            .withFormParam("receiver_id", equalTo("5000000000"))
            .withFormParam("type", equalTo("text"))
            .withFormParam("data", equalTo("{\"text\":\"您好，请把购买凭证发给我们 ^LN\"}")));
  }

  @Test
  void fetchesAPostItNeverSaw() {
    weibo.stubFor(
        get(urlPathEqualTo("/2/statuses/show.json"))
            .withQueryParam("id", equalTo("4970001234567891"))
            .willReturn(json(statusOf("statuses_mentions.json"))));
    assertThat(connector().fetch("weibo:status:4970001234567891"))
        .hasValueSatisfying(m -> assertThat(m.text()).contains("蓝牙无法连接"));
    assertThat(connector().fetch("weibo:comment:1:2")).isEmpty();
  }

  private String statusOf(String file) {
    var node = JsonMapper.builder().build().readTree(payload(file));
    return node.path("statuses").get(0).toString();
  }

  private WeiboConnector connector() {
    Map<String, String> settings = new HashMap<>();
    settings.put("weiboAccessToken", TOKEN);
    settings.put("weiboUid", "2000000001");
    settings.put("weiboApiUrl", weibo.baseUrl() + "/2");
    settings.put("weiboMessageApiUrl", weibo.baseUrl() + "/2");
    settings.put("weiboAppSecret", APP_SECRET);
    settings.put("pollSeconds", "60");
    return new WeiboConnector(
        new ConnectorAccount(
            new ChannelAccountId(1), new BrandId(1), "weibo", "@Acme手机", "weibo:acme", settings),
        JsonMapper.builder().build(),
        Clock.fixed(NOW, ZoneOffset.UTC),
        PostedMedia.downloads());
  }

  private WebhookRequest signed(String method, byte[] body) {
    // The fans service sends milliseconds.
    String timestamp = String.valueOf(NOW.toEpochMilli());
    String nonce = String.valueOf(57155157 + nonces++);
    return new WebhookRequest(
        method,
        Map.of(),
        Map.of(
            "signature", SortedSha1.of(APP_SECRET, timestamp, nonce),
            "timestamp", timestamp,
            "nonce", nonce),
        body);
  }

  private static OutboundMessage message(String text, String inReplyTo, boolean publicly) {
    return new OutboundMessage(
        "key-" + text.hashCode(),
        "5000000000",
        "王军",
        "Re: x [ACME-1]",
        text,
        null,
        inReplyTo,
        List.of(),
        "ACME-1",
        publicly,
        List.of(),
        "wangjun");
  }

  static ResponseDefinitionBuilder json(String fileOrBody) {
    String body =
        fileOrBody.endsWith(".json")
            ? new String(payload(fileOrBody), StandardCharsets.UTF_8)
            : fileOrBody;
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json;charset=UTF-8")
        .withBody(body);
  }

  static byte[] payload(String file) {
    try (InputStream in =
        WeiboConnectorTests.class.getResourceAsStream("/connectors/weibo/" + file)) {
      return in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing payload " + file, e);
    }
  }
}
