package io.parley.connectors.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parley.support.Stubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.ConnectorException;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseRejected;
import io.parley.conversations.Cases;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.support.ChannelPolls;
import io.parley.support.ParleyTest;
import io.parley.support.PostedMedia;
import io.parley.support.Stubs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The X connector against WireMock replaying X API v2 payloads as documented (see
 * resources/connectors/x/README.md): mentions and direct messages become cases with the author's
 * profile, a reply to an unseen post fetches its parent, answers go out as the documentation
 * specifies, every failure shows on the account's health without losing a message, and the photos
 * of mentions and direct messages reach their cases.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XChannelTests {

  static final String ME = "1500000000000000001";
  static final String MENTIONS = "/2/users/" + ME + "/mentions";

  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired Cases cases;
  @Autowired Users users;
  @Autowired JdbcTemplate jdbc;
  @Autowired XConnectorFactory factory;

  @org.springframework.beans.factory.annotation.Value("${parley.conversations.attachment-dir}")
  String attachmentDir;

  WireMockServer x;
  ChannelAccountId account;
  UserId agent;

  @BeforeAll
  void connect() {
    x = new WireMockServer(options().dynamicPort());
    x.start();
    stubMe();
    // Nothing yet: the first poll finds no mentions and no messages.
    x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(json("{\"meta\":{\"result_count\":0}}")));
    x.stubFor(get(urlPathEqualTo("/2/dm_events")).willReturn(file("dm-events-empty.json")));
    var brand =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("apiBaseUrl", x.baseUrl());
    settings.put("userAccessToken", "x-user-token-for-tests");
    settings.put("directMessages", "true");
    settings.put("filteredStream", "false");
    settings.put("pollSeconds", "3600");
    account =
        accounts
            .connect(brand.id(), "x", "Acme Mobile on X", "@AcmeMobileChannelTests", settings)
            .id();
    agent = users.findByUsername("li.na").orElseThrow().id();
    awaitPoll();
  }

  @AfterAll
  void disconnect() {
    accounts.activate(account, false);
    x.stop();
  }

  @BeforeEach
  void stubs() {
    x.resetAll();
    stubMe();
    x.stubFor(get(urlPathEqualTo("/2/dm_events")).willReturn(file("dm-events-empty.json")));
  }

  @Test
  @Order(1)
  void aMentionOpensACaseWithItsAuthorsProfile() {
    x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(file("mentions.json")));
    ChannelPolls.pollNow(jdbc, account);
    Long caseId = ChannelPolls.awaitCaseOf(jdbc, "1860000000000000101");
    assertThat(caseId).isNotNull();
    Map<String, Object> identity =
        jdbc.queryForMap(
            "select handle, display_name, bio, follower_count, profile_url from customers_social_identity"
                + " where network = 'x' and external_id = '2244994945'");
    assertThat(identity)
        .containsEntry("handle", "meichen_sh")
        .containsEntry("display_name", "陈美")
        .containsEntry("bio", "上海 · 数码爱好者")
        .containsEntry("follower_count", 1523L)
        .containsEntry("profile_url", "https://x.com/meichen_sh");
    x.verify(
        getRequestedFor(urlPathEqualTo(MENTIONS))
            .withHeader("Authorization", equalTo("Bearer x-user-token-for-tests"))
            .withQueryParam("expansions", equalTo("author_id,attachments.media_keys"))
            .withQueryParam("media.fields", equalTo("url,preview_image_url,type,alt_text")));
    assertThat(cursor()).contains("m=1860000000000000101");
  }

  @Test
  @Order(2)
  void aReplyToAPostParleyNeverSawFetchesTheParentAndJoinsItsCase() {
    x.stubFor(
        get(urlPathEqualTo(MENTIONS))
            .withQueryParam("since_id", equalTo("1860000000000000101"))
            .willReturn(file("mentions-reply.json")));
    x.stubFor(
        get(urlPathEqualTo("/2/tweets/1860000000000000150")).willReturn(file("tweet-parent.json")));
    ChannelPolls.pollNow(jdbc, account);
    Long reply = ChannelPolls.awaitCaseOf(jdbc, "1860000000000000203");
    Long parent = ChannelPolls.awaitCaseOf(jdbc, "1860000000000000150");
    assertThat(reply).isEqualTo(parent);
  }

  @Test
  @Order(3)
  void directMessagesOfOneConversationShareTheirOpenCaseAndThePrivateAnswerIsADirectMessage() {
    x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(json("{\"meta\":{\"result_count\":0}}")));
    x.stubFor(get(urlPathEqualTo("/2/dm_events")).willReturn(file("dm-events.json")));
    ChannelPolls.pollNow(jdbc, account);
    Long first = ChannelPolls.awaitCaseOf(jdbc, "dm:1860000000000000401");
    Long second = ChannelPolls.awaitCaseOf(jdbc, "dm:1860000000000000402");
    assertThat(second).isEqualTo(first);

    x.stubFor(
        post(urlEqualTo("/2/dm_conversations/with/9876543210/messages"))
            .willReturn(file("create-dm-response.json").withStatus(201)));
    cases.write(new CaseId(first), agent, "已为您加急处理 ^LN", List.of(), false);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                x.verify(
                    postRequestedFor(urlEqualTo("/2/dm_conversations/with/9876543210/messages"))
                        .withRequestBody(equalToJson("{\"text\":\"已为您加急处理 ^LN\"}"))));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForObject(
                    "select count(*) from conversations_message where external_id = ?",
                    Long.class,
                    "dm:1860000000000000888"),
            n -> n == 1);
  }

  @Test
  @Order(4)
  void aPublicReplyTooLongForXIsRefusedNotCut() {
    Long caseId = ChannelPolls.awaitCaseOf(jdbc, "1860000000000000101");
    String reply = "蓝".repeat(141);
    assertThatThrownBy(() -> cases.write(new CaseId(caseId), agent, reply, List.of(), true))
        .isInstanceOfSatisfying(
            CaseRejected.class,
            e -> {
              assertThat(e.messageKey()).isEqualTo("reply.tooLong");
              assertThat(e.args()).containsExactly(282, 280);
            });
    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_message where body = ?", Long.class, reply))
        .isZero();
  }

  @Test
  @Order(5)
  void anExpiredTokenShowsOnTheHealthAndTheNextPollBringsTheMention() {
    x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(file("error-401.json").withStatus(401)));
    String before = cursor();
    ChannelPolls.pollNow(jdbc, account);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var health = accounts.health(account);
              assertThat(health.state()).isEqualTo("error");
              assertThat(health.lastError()).contains("401").contains("renew the access token");
            });
    assertThat(cursor()).isEqualTo(before);
  }

  @Test
  @Order(6)
  void aRateLimitWaitsUntilXsResetAndShowsOnTheHealth() {
    Instant reset = Instant.now().plus(Duration.ofMinutes(7)).truncatedTo(ChronoUnit.SECONDS);
    x.stubFor(
        get(urlPathEqualTo(MENTIONS))
            .willReturn(
                file("error-429.json")
                    .withStatus(429)
                    .withHeader("x-rate-limit-limit", "450")
                    .withHeader("x-rate-limit-remaining", "0")
                    .withHeader("x-rate-limit-reset", String.valueOf(reset.getEpochSecond()))));
    ChannelPolls.pollNow(jdbc, account);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var health = accounts.health(account);
              assertThat(health.state()).isEqualTo("limited");
              assertThat(health.rateLimitedUntil()).isCloseTo(reset, within());
            });
    Instant next =
        jdbc.queryForObject(
                "select next_poll_at from channels_account where id = ?",
                java.sql.Timestamp.class,
                account.value())
            .toInstant();
    assertThat(next).as("no poll before X's reset").isAfterOrEqualTo(reset.minusSeconds(3));
  }

  @Test
  @Order(7)
  void serverErrorsAndMalformedAnswersLoseNothing() {
    String before = cursor();
    x.stubFor(get(urlPathEqualTo(MENTIONS)).willReturn(aResponse().withStatus(503)));
    ChannelPolls.pollNow(jdbc, account);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(accounts.health(account).lastError()).contains("503"));
    x.stubFor(
        get(urlPathEqualTo(MENTIONS))
            .willReturn(json("{\"data\": {\"id\": \"not a list\"}, \"meta\": {}}")));
    ChannelPolls.pollNow(jdbc, account);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(accounts.health(account).lastError()).contains("malformed"));
    assertThat(cursor()).isEqualTo(before);

    // X is back: the mention that waited arrives, once.
    x.stubFor(
        get(urlPathEqualTo(MENTIONS))
            .withQueryParam("since_id", equalTo("1860000000000000203"))
            .willReturn(file("mentions-later.json")));
    ChannelPolls.pollNow(jdbc, account);
    assertThat(ChannelPolls.awaitCaseOf(jdbc, "1860000000000000301")).isNotNull();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(accounts.health(account).state()).isEqualTo("ok"));
  }

  @Test
  @Order(8)
  void aRateLimitedSendWaitsUntilTheResetWithoutSpendingItsAttempts() {
    Long caseId = ChannelPolls.awaitCaseOf(jdbc, "1860000000000000101");
    Instant reset = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    x.stubFor(
        post(urlEqualTo("/2/tweets"))
            .willReturn(
                file("error-429.json")
                    .withStatus(429)
                    .withHeader("x-rate-limit-reset", String.valueOf(reset.getEpochSecond()))));
    var reply = cases.write(new CaseId(caseId), agent, "We are on it. ^LN", List.of(), true);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, Object> entry =
                  jdbc.queryForMap(
                      "select status, attempts, next_attempt_at from channels_outbox where source_ref = ?",
                      "message:" + reply.id());
              assertThat(entry.get("status")).isEqualTo("RETRYING");
              assertThat(((Number) entry.get("attempts")).intValue()).isZero();
              assertThat(((java.sql.Timestamp) entry.get("next_attempt_at")).toInstant())
                  .isCloseTo(reset, within());
            });
    x.verify(
        postRequestedFor(urlEqualTo("/2/tweets"))
            .withRequestBody(
                equalToJson(
                    "{\"text\":\"We are on it. ^LN\",\"reply\":{\"in_reply_to_tweet_id\":\"1860000000000000101\"}}")));
    assertThat(accounts.health(account).rateLimitedUntil()).isCloseTo(reset, within());
  }

  @Test
  @Order(9)
  void theFilteredStreamBringsListenedPosts() {
    var connector =
        connector(Map.of("appBearerToken", "x-app-token-for-tests", "filteredStream", "true"));
    x.stubFor(
        get(urlPathEqualTo("/2/tweets/search/stream"))
            .withHeader("Authorization", equalTo("Bearer x-app-token-for-tests"))
            .willReturn(aResponse().withStatus(200).withBody(read("stream.jsonl"))));
    List<io.parley.channels.InboundMessage> got = new java.util.ArrayList<>();
    connector.stream(got::add);
    // The third post mentions the account: the mention poll brings it (with its photo), not the
    // stream.
    assertThat(got)
        .extracting(io.parley.channels.InboundMessage::externalId)
        .containsExactly("1860000000000000501", "1860000000000000502");
    assertThat(got).allMatch(io.parley.channels.InboundMessage::listened);
    // A listened post's photo is not fetched (most are dropped unmatched): its t.co link stays.
    assertThat(got.get(0).attachments()).isEmpty();
    assertThat(got.get(0).text()).isEqualTo("Acme 的新手机续航真不错，比上一代强多了 https://t.co/B4tt3ryPic");
    assertThat(got.get(0).language()).isEqualTo("zh");
    assertThat(got.get(0).author().handle()).isEqualTo("xiaoli");
  }

  @Test
  @Order(10)
  void photosOfAMentionReachItsCaseAndADirectMessagesAreNamed() {
    WireMockServer cdn = new WireMockServer(options().dynamicPort());
    cdn.start();
    try {
      x.stubFor(
          get(urlPathEqualTo(MENTIONS)).willReturn(json(onMediaHosts("mentions-media.json", cdn))));
      x.stubFor(
          get(urlPathEqualTo("/2/dm_events"))
              .willReturn(json(onMediaHosts("dm-events-media.json", cdn))));
      cdn.stubFor(
          get(urlEqualTo("/media/GdFl1ckerXA0.jpg"))
              .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
      cdn.stubFor(
          get(urlEqualTo("/ext_tw_video_thumb/1860000000000000612/pu/img/Cl1pSt1ll.jpg"))
              .willReturn(PostedMedia.served(PostedMedia.PNG, "image/jpeg")));
      cdn.stubFor(get(urlEqualTo("/media/GdG0neB0x.png")).willReturn(aResponse().withStatus(404)));
      cdn.stubFor(
          get(urlEqualTo("/media/GdB1gScan.jpg"))
              .willReturn(PostedMedia.served(PostedMedia.oversized(), "image/jpeg")));

      ChannelPolls.pollNow(jdbc, account);
      ChannelPolls.awaitCaseOf(jdbc, "1860000000000000601");
      ChannelPolls.awaitCaseOf(jdbc, "dm:1860000000000000403");

      var mention = PostedMedia.of(jdbc, attachmentDir, "1860000000000000601");
      // Types are sniffed from the bytes: the video's still, sent as a PNG, is kept as one.
      assertThat(mention)
          .extracting(PostedMedia.Stored::filename, PostedMedia.Stored::contentType)
          .containsExactly(
              tuple("GdFl1ckerXA0.jpg", "image/jpeg"), tuple("preview-Cl1pSt1ll.jpg", "image/png"));
      assertThat(mention.get(0).bytes()).isEqualTo(PostedMedia.JPEG);
      assertThat(mention.get(1).bytes()).isEqualTo(PostedMedia.PNG);
      assertThat(PostedMedia.body(jdbc, "1860000000000000601"))
          .isEqualTo(
              "@AcmeMobile 新买的X12屏幕一直闪，视频和照片都在这里 https://t.co/Fl1ck3rX12\n\n"
                  + "[video: https://x.com/i/web/status/1860000000000000601]\n"
                  + "[GdG0neB0x.png (not downloaded: HTTP 404): "
                  + cdn.baseUrl()
                  + "/media/GdG0neB0x.png]\n"
                  + "[GdB1gScan.jpg (not downloaded: larger than 10 MB): "
                  + cdn.baseUrl()
                  + "/media/GdB1gScan.jpg]");

      // A direct message's photo is X's own (ton.twitter.com, OAuth 1.0a only): named, not fetched.
      assertThat(PostedMedia.of(jdbc, attachmentDir, "dm:1860000000000000403")).isEmpty();
      assertThat(PostedMedia.body(jdbc, "dm:1860000000000000403"))
          .endsWith("[R3ce1pt.jpg (not downloaded: " + XConnector.DM_MEDIA + ")]");

      // Public photos are fetched without any token.
      cdn.verify(
          getRequestedFor(urlEqualTo("/media/GdFl1ckerXA0.jpg"))
              .withHeader("Authorization", absent()));
      x.verify(
          getRequestedFor(urlPathEqualTo("/2/dm_events"))
              .withQueryParam("expansions", equalTo("sender_id,attachments.media_keys"))
              .withQueryParam("media.fields", equalTo("url,preview_image_url,type,alt_text")));
    } finally {
      cdn.stop();
    }
  }

  @Test
  @Order(11)
  void noFileIsFetchedWhenAPollFailsAfterReadingItsMentions() {
    WireMockServer cdn = new WireMockServer(options().dynamicPort());
    cdn.start();
    try {
      x.stubFor(
          get(urlPathEqualTo(MENTIONS)).willReturn(json(onMediaHosts("mentions-media.json", cdn))));
      x.stubFor(get(urlPathEqualTo("/2/dm_events")).willReturn(aResponse().withStatus(503)));
      var connector = connector(Map.of());

      assertThatThrownBy(() -> connector.poll(null)).isInstanceOf(ConnectorException.class);
      // The retry reads the mentions again: their photos are fetched once that poll succeeds.
      assertThat(cdn.getAllServeEvents()).isEmpty();
    } finally {
      cdn.stop();
    }
  }

  /** A connector of the test account made directly, with {@code more} settings. */
  private io.parley.channels.ChannelConnector connector(Map<String, String> more) {
    Map<String, String> settings = new java.util.HashMap<>(more);
    settings.put("apiBaseUrl", x.baseUrl());
    settings.put("userAccessToken", "x-user-token-for-tests");
    return factory.create(
        new io.parley.channels.ConnectorAccount(
            account, brands.all().get(0).id(), "x", "direct", "@AcmeMobile", settings));
  }

  /** A payload whose public media are on {@code cdn}; direct-message media stay on X's host. */
  private String onMediaHosts(String file, WireMockServer cdn) {
    return read(file).replace("https://pbs.twimg.com", cdn.baseUrl());
  }

  // ------------------------------------------------------------------------------------------

  private static org.assertj.core.data.TemporalUnitOffset within() {
    return org.assertj.core.api.Assertions.within(3, ChronoUnit.SECONDS);
  }

  private void stubMe() {
    x.stubFor(get(urlEqualTo("/2/users/me")).willReturn(file("users-me.json")));
  }

  private String cursor() {
    return jdbc.queryForObject(
        "select poll_cursor from channels_account where id = ?", String.class, account.value());
  }

  private void awaitPoll() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from channels_account where id = ? and last_poll_at is not null"
                            + " and poll_lease_until is null",
                        Long.class,
                        account.value())
                    == 1);
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder file(String name) {
    return json(read(name));
  }

  static String read(String name) {
    return Stubs.fixture("connectors/x/" + name);
  }
}
