package io.parley.connectors.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parley.support.Stubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.conversations.CaseId;
import io.parley.conversations.Cases;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.listening.internal.RuleBook;
import io.parley.routing.Routing;
import io.parley.support.ChannelPolls;
import io.parley.support.MastodonStatuses;
import io.parley.support.ParleyTest;
import io.parley.support.PostedMedia;
import io.parley.support.Stubs;
import io.parley.support.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Mastodon connector against WireMock replaying the Mastodon REST API's documented payloads
 * (resources/connectors/mastodon/README.md) and serving the files of their media attachments.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MastodonChannelTests {

  static final String NOTIFICATIONS = "/api/v1/notifications";

  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired Cases cases;
  @Autowired Users users;
  @Autowired JdbcTemplate jdbc;
  @Autowired Routing routing;
  @Autowired RuleBook rules;
  @org.springframework.boot.test.web.server.LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Value("${parley.conversations.attachment-dir}")
  String attachmentDir;

  WireMockServer mastodon;
  ChannelAccountId account;
  UserId agent;

  @BeforeAll
  void connect() {
    mastodon = new WireMockServer(options().dynamicPort());
    mastodon.start();
    mastodon.stubFor(
        get(urlEqualTo("/api/v1/accounts/verify_credentials"))
            .willReturn(file("verify-credentials.json")));
    mastodon.stubFor(
        get(urlPathEqualTo(NOTIFICATIONS))
            .withQueryParam("types[]", equalTo("mention"))
            .willReturn(file("notifications.json")));
    var brand =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("instanceUrl", mastodon.baseUrl());
    settings.put("accessToken", "mastodon-token-for-tests");
    settings.put("pollSeconds", "3600");
    account =
        accounts
            .connect(brand.id(), "mastodon", "Acme on Mastodon", "@acme@mastodon.example", settings)
            .id();
    agent = users.findByUsername("li.na").orElseThrow().id();
  }

  @AfterAll
  void disconnect() {
    accounts.activate(account, false);
    mastodon.stop();
  }

  @Test
  @Order(1)
  void mentionsOpenCasesAndTheAnswersMentionTheAuthorWithTheRightVisibility() {
    Long publicCase = ChannelPolls.awaitCaseOf(jdbc, "103186126728896492");
    Long directCase = ChannelPolls.awaitCaseOf(jdbc, "103186126728896500");
    assertThat(publicCase).isNotEqualTo(directCase);
    assertThat(
            jdbc.queryForObject(
                "select body from conversations_message where external_id = ?",
                String.class,
                "103186126728896492"))
        .isEqualTo("@acme my Acme phone won't pair with my car since the update.\nAny fix?");
    assertThat(
            jdbc.queryForMap(
                "select handle, bio, follower_count from customers_social_identity"
                    + " where network = 'mastodon' and external_id = '971724'"))
        .containsEntry("handle", "zsc@fosstodon.example")
        .containsEntry("bio", "Open source, bikes & tea.")
        .containsEntry("follower_count", 412L);
    assertThat(
            jdbc.queryForObject(
                "select poll_cursor from channels_account where id = ?",
                String.class,
                account.value()))
        .isEqualTo("34975862");

    mastodon.stubFor(post(urlEqualTo("/api/v1/statuses")).willReturn(file("status-response.json")));
    var publicReply =
        cases.write(
            new CaseId(publicCase),
            agent,
            "Please update to 2.1.4, it fixes pairing. ^LN",
            List.of(),
            true);
    cases.write(new CaseId(directCase), agent, "地址已改好。^LN", List.of(), false);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              mastodon.verify(
                  postRequestedFor(urlEqualTo("/api/v1/statuses"))
                      .withHeader("Authorization", equalTo("Bearer mastodon-token-for-tests"))
                      .withHeader("Idempotency-Key", matching("parley-.+"))
                      .withRequestBody(
                          equalToJson(
                              "{\"status\":\"@zsc@fosstodon.example Please update to 2.1.4, it fixes pairing. ^LN\","
                                  + "\"in_reply_to_id\":\"103186126728896492\",\"visibility\":\"public\"}")));
              mastodon.verify(
                  postRequestedFor(urlEqualTo("/api/v1/statuses"))
                      .withRequestBody(
                          equalToJson(
                              "{\"status\":\"@lin@social.example 地址已改好。^LN\","
                                  + "\"in_reply_to_id\":\"103186126728896500\",\"visibility\":\"direct\"}")));
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForObject(
                    "select delivery_status from conversations_message where id = ?",
                    String.class,
                    publicReply.id()),
            "SENT"::equals);
  }

  @Test
  @Order(2)
  void aRejectedTokenAndARateLimitShowOnTheHealth() {
    mastodon.stubFor(
        get(urlPathEqualTo(NOTIFICATIONS)).willReturn(file("error-401.json").withStatus(401)));
    ChannelPolls.pollNow(jdbc, account);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(accounts.health(account).lastError())
                    .contains("401")
                    .contains("The access token is invalid"));

    Instant reset = Instant.now().plus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.MILLIS);
    mastodon.stubFor(
        get(urlPathEqualTo(NOTIFICATIONS))
            .willReturn(
                file("error-429.json")
                    .withStatus(429)
                    .withHeader("X-RateLimit-Limit", "300")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", reset.toString())));
    ChannelPolls.pollNow(jdbc, account);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var health = accounts.health(account);
              assertThat(health.state()).isEqualTo("limited");
              assertThat(health.rateLimitedUntil())
                  .isCloseTo(reset, org.assertj.core.api.Assertions.within(3, ChronoUnit.SECONDS));
            });
    assertThat(
            jdbc.queryForObject(
                "select poll_cursor from channels_account where id = ?",
                String.class,
                account.value()))
        .isEqualTo("34975862");
  }

  @Test
  @Order(3)
  void aMentionsPhotoAndItsClipsStillReachTheCaseAndWhatCannotBeFetchedIsNamed() {
    // The instance's file host, served here.
    String files = mastodon.baseUrl() + "/media_attachments/files/109/348";
    mastodon.stubFor(
        get(urlPathEqualTo(NOTIFICATIONS))
            .willReturn(
                json(
                    read("notifications-media.json")
                        .replace("https://files.mastodon.example", mastodon.baseUrl()))));
    mastodon.stubFor(
        get(urlEqualTo("/media_attachments/files/109/348/001/original/flicker.png"))
            .willReturn(PostedMedia.served(PostedMedia.PNG, "image/png")));
    mastodon.stubFor(
        get(urlEqualTo("/media_attachments/files/109/348/002/small/flicker.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    mastodon.stubFor(
        get(urlEqualTo("/media_attachments/files/109/348/003/original/receipt.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.oversized(), "image/jpeg")));
    mastodon.stubFor(
        get(urlEqualTo("/media_attachments/files/109/348/004/original/box.jpg"))
            .willReturn(aResponse().withStatus(404)));

    ChannelPolls.pollNow(jdbc, account);
    String status = "103186126728896610";
    ChannelPolls.awaitCaseOf(jdbc, status);

    var stored = PostedMedia.of(jdbc, attachmentDir, status);
    assertThat(stored)
        .extracting(PostedMedia.Stored::filename, PostedMedia.Stored::contentType)
        .containsExactly(
            tuple("flicker.png", "image/png"), tuple("preview-flicker.jpg", "image/jpeg"));
    assertThat(stored.get(0).bytes()).isEqualTo(PostedMedia.PNG);
    assertThat(stored.get(1).bytes()).isEqualTo(PostedMedia.JPEG);
    String notes =
        "[video: "
            + files
            + "/002/original/flicker.mp4]\n"
            + "[receipt.jpg (not downloaded: larger than 10 MB): "
            + files
            + "/003/original/receipt.jpg]\n"
            + "[box.jpg (not downloaded: HTTP 404): "
            + files
            + "/004/original/box.jpg]";
    assertThat(PostedMedia.body(jdbc, status))
        .isEqualTo(
            "@acme the screen of my new X12 flickers, photo and a clip attached. Receipt too.\n\n"
                + notes);
    // The console shows a status's HTML: the notes are there too.
    assertThat(
            jdbc.queryForObject(
                "select body_html from conversations_message where external_id = ?",
                String.class,
                status))
        .contains(
            "<p>[box.jpg (not downloaded: HTTP 404): " + files + "/004/original/box.jpg]</p>");
    mastodon.verify(
        0,
        getRequestedFor(urlEqualTo("/media_attachments/files/109/348/002/original/flicker.mp4")));
  }

  @Test
  @Order(4)
  void aRemoteStatusThatReachesAListenedHashtagLateIsStillTakenAndNothingTwice() {
    WireMockServer instance = new WireMockServer(options().dynamicPort());
    instance.start();
    ChannelAccountId listening = null;
    try {
      String code = "mf" + UUID.randomUUID().toString().substring(0, 6);
      var brand = brands.register(code, "Federated " + code, code.toUpperCase());
      routing.create(brand.id(), "Support", false, true, List.of());
      rules.define(brand.id().value(), "flicker reports", "flickering", true, null, null);
      String tag = "late" + code;
      String timeline = "/api/v1/timelines/tag/" + tag;
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
      String history = MastodonStatuses.id(start);
      String first = MastodonStatuses.id(start.plusSeconds(60));
      String late = MastodonStatuses.id(start.plusSeconds(120));
      String newest = MastodonStatuses.id(start.plusSeconds(180));
      instance.stubFor(
          get(urlEqualTo("/api/v1/accounts/verify_credentials"))
              .willReturn(file("verify-credentials.json")));
      instance.stubFor(get(urlPathEqualTo(NOTIFICATIONS)).willReturn(json("[]")));
      // The timeline answers min_id as Mastodon does: the statuses right after it.
      instance.stubFor(get(urlPathEqualTo(timeline)).atPriority(9).willReturn(json("[]")));
      instance.stubFor(
          get(urlPathEqualTo(timeline))
              .withQueryParam("min_id", absent())
              .willReturn(
                  json(
                      MastodonStatuses.page(
                          MastodonStatuses.status(history, tag, "flickering, last year")))));
      instance.stubFor(
          get(urlPathEqualTo(timeline))
              .withQueryParam("min_id", equalTo(history))
              .willReturn(
                  json(
                      MastodonStatuses.page(
                          MastodonStatuses.status(newest, tag, "nice weather"),
                          MastodonStatuses.status(first, tag, "my X12 keeps flickering")))));
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("instanceUrl", instance.baseUrl());
      settings.put("accessToken", "mastodon-token-for-tests");
      settings.put("pollSeconds", "3600");
      settings.put("hashtags", "#" + tag);
      listening =
          accounts.connect(brand.id(), "mastodon", "Tags " + code, "@" + code, settings).id();
      ChannelAccountId account = listening;
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> ("#" + tag + "=" + history).equals(cursor(account)) && !leased(account));
      ChannelPolls.pollNow(jdbc, account);
      ChannelPolls.awaitCaseOf(jdbc, first);
      assertThat(accounts.health(account).inboundIgnored()).isEqualTo(1);

      // A status published between the two read federates only now: its id is older than the
      // newest already read.
      instance.stubFor(
          get(urlPathEqualTo(timeline))
              .withQueryParam("min_id", equalTo(history))
              .willReturn(
                  json(
                      MastodonStatuses.page(
                          MastodonStatuses.status(newest, tag, "nice weather"),
                          MastodonStatuses.status(late, tag, "flickering here too"),
                          MastodonStatuses.status(first, tag, "my X12 keeps flickering")))));
      ChannelPolls.pollNow(jdbc, account);

      ChannelPolls.awaitCaseOf(jdbc, late);
      assertThat(
              jdbc.queryForList(
                  "select external_id from channels_inbound where account_id = ? order by"
                      + " external_id",
                  String.class,
                  account.value()))
          .as("each status that a rule matched stored once, the other not at all")
          .containsExactly(first, late);
      assertThat(accounts.health(account).inboundIgnored())
          .as("the status no rule matched, read again, is not counted again")
          .isEqualTo(1);
    } finally {
      if (listening != null) {
        accounts.activate(listening, false);
      }
      instance.stop();
    }
  }

  @Test
  void theFormRefusesMoreHashtagsThanThePollCanKeepItsPlaceIn() {
    var admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    assertThat(admin.get("/admin/channels/new?type=mastodon").statusCode()).isEqualTo(200);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("type", "mastodon");
    form.put(
        "brand",
        String.valueOf(
            brands.all().stream()
                .filter(b -> b.casePrefix().equals("ACME"))
                .findFirst()
                .orElseThrow()
                .id()
                .value()));
    form.put("name", "Many tags");
    form.put("address", "@manytags@mastodon.example");
    form.put("setting.instanceUrl", "https://mastodon.example");
    form.put("setting.accessToken", "mastodon-token-for-tests");
    form.put("setting.pollSeconds", "60");
    form.put(
        "setting.hashtags",
        String.join(
            ", ",
            java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(i -> "#acmex" + i).toList()));

    var refused = admin.post("/admin/channels", form);

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("Listen to at most 10 hashtags, each of at most 60 characters.");
    assertThat(admin.language("zh-CN").post("/admin/channels", form).body())
        .contains("最多监听 10 个话题标签，每个最多 60 个字符。");
    admin.language("en");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from channels_account where name = 'Many tags'", Long.class))
        .isZero();

    form.put(
        "setting.hashtags",
        String.join(
            ", ",
            java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "#acmex" + i).toList()));
    assertThat(admin.post("/admin/channels", form).statusCode()).isEqualTo(302);
    accounts.activate(
        new ChannelAccountId(
            jdbc.queryForObject(
                "select id from channels_account where name = 'Many tags'", Long.class)),
        false);
  }

  @Test
  void theCursorOfAsManyHashtagsAsTheFormTakesFitsItsColumn() {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < MastodonConnectorFactory.MAX_HASHTAGS; i++) {
      tags.put(
          ("t" + i).repeat(30).substring(0, MastodonConnectorFactory.MAX_HASHTAG_LENGTH),
          "9".repeat(30));
    }
    assertThat(new MastodonConnector.Cursor("9".repeat(30), tags).toString())
        .hasSizeLessThanOrEqualTo(1000);
  }

  private String cursor(ChannelAccountId account) {
    return jdbc.queryForObject(
        "select poll_cursor from channels_account where id = ?", String.class, account.value());
  }

  private boolean leased(ChannelAccountId account) {
    return jdbc.queryForObject(
            "select poll_lease_until from channels_account where id = ?",
            java.sql.Timestamp.class,
            account.value())
        != null;
  }

  static String read(String name) {
    return Stubs.fixture("connectors/mastodon/" + name);
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder file(String name) {
    try (InputStream in =
        MastodonChannelTests.class.getResourceAsStream("/connectors/mastodon/" + name)) {
      return aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json; charset=utf-8")
          .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("Missing payload " + name, e);
    }
  }
}
