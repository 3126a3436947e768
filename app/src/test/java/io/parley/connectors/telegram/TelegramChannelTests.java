package io.parley.connectors.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import io.parley.support.ChannelPolls;
import io.parley.support.ParleyTest;
import io.parley.support.PostedMedia;
import io.parley.support.Stubs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Telegram connector against WireMock replaying Bot API payloads as documented
 * (resources/connectors/telegram/README.md): a webhook bot and a long-polling bot, and the files
 * customers send them.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelegramChannelTests {

  static final String HOOK_TOKEN = "111111:hook-bot-token";
  static final String POLL_TOKEN = "222222:poll-bot-token";
  static final String SECRET = "telegram-webhook-secret_0123";

  @LocalServerPort int port;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired Cases cases;
  @Autowired Users users;
  @Autowired JdbcTemplate jdbc;

  @org.springframework.beans.factory.annotation.Value("${parley.conversations.attachment-dir}")
  String attachmentDir;

  WireMockServer telegram;
  ChannelAccountId hooked;
  ChannelAccountId polled;
  UserId agent;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void connect() {
    telegram = new WireMockServer(options().dynamicPort());
    telegram.start();
    telegram.stubFor(
        post(urlEqualTo("/bot" + HOOK_TOKEN + "/setWebhook")).willReturn(file("ok-true.json")));
    // The first call (no offset) brings two updates; later calls, from the offset, nothing new.
    telegram.stubFor(
        post(urlEqualTo("/bot" + POLL_TOKEN + "/getUpdates"))
            .atPriority(2)
            .willReturn(file("get-updates.json")));
    telegram.stubFor(
        post(urlEqualTo("/bot" + POLL_TOKEN + "/getUpdates"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.offset"))
            .willReturn(json("{\"ok\":true,\"result\":[]}")));
    var brand =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    Map<String, String> hook = new LinkedHashMap<>();
    hook.put("apiBaseUrl", telegram.baseUrl());
    hook.put("botToken", HOOK_TOKEN);
    hook.put("mode", "webhook");
    hook.put("webhookSecret", SECRET);
    hook.put("pollSeconds", "3600");
    hooked = accounts.connect(brand.id(), "telegram", "Acme help bot", "@AcmeHelpBot", hook).id();
    Map<String, String> poll = new LinkedHashMap<>(hook);
    poll.put("botToken", POLL_TOKEN);
    poll.put("mode", "polling");
    poll.put("pollSeconds", "1");
    poll.remove("webhookSecret");
    polled = accounts.connect(brand.id(), "telegram", "Acme polled bot", "@AcmePollBot", poll).id();
    agent = users.findByUsername("li.na").orElseThrow().id();
  }

  @AfterAll
  void disconnect() {
    accounts.activate(hooked, false);
    accounts.activate(polled, false);
    telegram.stop();
  }

  @Test
  void theWebhookIsRegisteredWithItsSecretAndOnlyGenuineCallsAreIngestedOnce() throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                telegram.verify(
                    postRequestedFor(urlEqualTo("/bot" + HOOK_TOKEN + "/setWebhook"))
                        .withRequestBody(
                            equalToJson(
                                "{\"url\":\"${json-unit.regex}.*/hooks/"
                                    + hooked.value()
                                    + "\",\"secret_token\":\""
                                    + SECRET
                                    + "\",\"allowed_updates\":[\"message\"]}"))));
    String update = read("update-private.json");

    HttpResponse<String> forged = hook(update, "not-the-secret");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(accounts.health(hooked).lastError()).contains("401");

    HttpResponse<String> genuine = hook(update, SECRET);
    assertThat(genuine.statusCode()).isEqualTo(200);
    HttpResponse<String> replayed = hook(update, SECRET);
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(replayed.body()).contains("duplicate");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from channels_inbound where account_id = ? and external_id = ?",
                Long.class,
                hooked.value(),
                "111222333:1365"))
        .isEqualTo(1);
    Long caseId = ChannelPolls.awaitCaseOf(jdbc, "111222333:1365");
    assertThat(accounts.health(hooked).state()).isEqualTo("ok");

    HttpResponse<String> malformed = hook("{\"update_id\": \"x\"", SECRET);
    assertThat(malformed.statusCode()).isEqualTo(400);

    telegram.stubFor(
        post(urlEqualTo("/bot" + HOOK_TOKEN + "/sendMessage"))
            .willReturn(file("send-message-response.json")));
    cases.write(new CaseId(caseId), agent, "请先将耳机恢复出厂设置再配对。^LN", List.of(), false);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                telegram.verify(
                    postRequestedFor(urlEqualTo("/bot" + HOOK_TOKEN + "/sendMessage"))
                        .withRequestBody(
                            equalToJson(
                                "{\"chat_id\":111222333,\"text\":\"请先将耳机恢复出厂设置再配对。^LN\","
                                    + "\"reply_parameters\":{\"message_id\":1365,\"allow_sending_without_reply\":true}}"))));
  }

  @Test
  void aGroupMessageIsPublicAndItsAnswerGoesToTheGroup() throws Exception {
    assertThat(hook(read("update-group-reply.json"), SECRET).statusCode()).isEqualTo(200);
    Long caseId = ChannelPolls.awaitCaseOf(jdbc, "-1001234567890:88");
    telegram.stubFor(
        post(urlEqualTo("/bot" + HOOK_TOKEN + "/sendMessage"))
            .willReturn(file("send-message-response.json")));
    cases.write(new CaseId(caseId), agent, "Update 2.1.4 fixes Wi-Fi. ^LN", List.of(), true);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                telegram.verify(
                    postRequestedFor(urlEqualTo("/bot" + HOOK_TOKEN + "/sendMessage"))
                        .withRequestBody(
                            equalToJson(
                                "{\"chat_id\":-1001234567890,\"text\":\"Update 2.1.4 fixes Wi-Fi. ^LN\","
                                    + "\"reply_parameters\":{\"message_id\":88,\"allow_sending_without_reply\":true}}"))));
  }

  @Test
  void longPollingMovesTheOffsetAndAPrivateChatKeepsOneCase() {
    Long first = ChannelPolls.awaitCaseOf(jdbc, "999000111:20");
    Long second = ChannelPolls.awaitCaseOf(jdbc, "999000111:21");
    assertThat(second).isEqualTo(first);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForObject(
                    "select poll_cursor from channels_account where id = ?",
                    String.class,
                    polled.value()),
            "800000012"::equals);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                telegram.verify(
                    postRequestedFor(urlEqualTo("/bot" + POLL_TOKEN + "/getUpdates"))
                        .withRequestBody(matchingJsonPath("$.offset", equalTo("800000012")))));
  }

  @Test
  void floodControlAndARevokedTokenShowOnTheHealth() {
    ChannelAccountId limited =
        accounts
            .connect(
                brands.all().stream()
                    .filter(b -> b.casePrefix().equals("ACME"))
                    .findFirst()
                    .orElseThrow()
                    .id(),
                "telegram",
                "Acme limited bot",
                "@AcmeLimitedBot",
                Map.of(
                    "apiBaseUrl", telegram.baseUrl(),
                    "botToken", "333333:limited",
                    "mode", "polling",
                    "pollSeconds", "3600"))
            .id();
    ChannelAccountId revoked =
        accounts
            .connect(
                brands.all().stream()
                    .filter(b -> b.casePrefix().equals("ACME"))
                    .findFirst()
                    .orElseThrow()
                    .id(),
                "telegram",
                "Acme revoked bot",
                "@AcmeRevokedBot",
                Map.of(
                    "apiBaseUrl", telegram.baseUrl(),
                    "botToken", "444444:revoked",
                    "mode", "polling",
                    "pollSeconds", "3600"))
            .id();
    try {
      telegram.stubFor(
          post(urlEqualTo("/bot333333:limited/getUpdates"))
              .willReturn(file("error-429.json").withStatus(429).withHeader("Retry-After", "30")));
      telegram.stubFor(
          post(urlEqualTo("/bot444444:revoked/getUpdates"))
              .willReturn(file("error-401.json").withStatus(401)));
      Instant started = Instant.now();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                var health = accounts.health(limited);
                assertThat(health.state()).isEqualTo("limited");
                assertThat(health.rateLimitedUntil())
                    .isBetween(started.plusSeconds(29), Instant.now().plusSeconds(31));
                assertThat(accounts.health(revoked).lastError())
                    .contains("401")
                    .contains("Unauthorized")
                    .doesNotContain("444444:revoked");
              });
    } finally {
      accounts.activate(limited, false);
      accounts.activate(revoked, false);
    }
  }

  @Test
  void aPhotoReachesTheCaseAndFilesThatCannotBeFetchedAreNamedWithoutTheToken() throws Exception {
    String files = "/file/bot" + HOOK_TOKEN + "/";
    telegram.stubFor(
        post(urlEqualTo("/bot" + HOOK_TOKEN + "/getFile"))
            .withRequestBody(
                matchingJsonPath("$.file_id", equalTo("AgACAgIAAxkBAAIH0WZflickerLarge")))
            .willReturn(file("get-file-photo.json")));
    telegram.stubFor(
        get(urlEqualTo(files + "photos/file_7.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    // The receipt's message says it is larger than the limit: it is not even located.
    telegram.stubFor(
        post(urlEqualTo("/bot" + HOOK_TOKEN + "/getFile"))
            .withRequestBody(
                matchingJsonPath("$.file_id", equalTo("BAACAgIAAxkBAAIH02ZfaultVideo")))
            .willReturn(file("error-file-too-big.json").withStatus(400)));
    // A photo whose file link has expired meanwhile.
    telegram.stubFor(
        post(urlEqualTo("/bot" + HOOK_TOKEN + "/getFile"))
            .withRequestBody(matchingJsonPath("$.file_id", equalTo("AgACAgIAAxkBAAIH0WZexpired")))
            .willReturn(
                json(
                    "{\"ok\":true,\"result\":{\"file_id\":\"AgACAgIAAxkBAAIH0WZexpired\","
                        + "\"file_unique_id\":\"AQADexpired\",\"file_size\":84211,"
                        + "\"file_path\":\"photos/file_9.jpg\"}}")));
    telegram.stubFor(
        get(urlEqualTo(files + "photos/file_9.jpg")).willReturn(aResponse().withStatus(404)));
    String expired =
        read("update-photo.json")
            .replace("700000101", "700000104")
            .replace("\"message_id\": 2001", "\"message_id\": 2004")
            .replace("AgACAgIAAxkBAAIH0WZflickerLarge", "AgACAgIAAxkBAAIH0WZexpired");

    for (String update :
        List.of(
            read("update-photo.json"),
            read("update-document.json"),
            read("update-document-too-big.json"),
            expired)) {
      assertThat(hook(update, SECRET).statusCode()).isEqualTo(200);
    }

    ChannelPolls.awaitCaseOf(jdbc, "222333444:2001");
    var photo = PostedMedia.of(jdbc, attachmentDir, "222333444:2001");
    assertThat(photo)
        .extracting(PostedMedia.Stored::filename, PostedMedia.Stored::contentType)
        .containsExactly(tuple("file_7.jpg", "image/jpeg"));
    assertThat(photo.get(0).bytes()).isEqualTo(PostedMedia.JPEG);
    assertThat(PostedMedia.body(jdbc, "222333444:2001")).isEqualTo("屏幕一直闪，照片在这里");
    telegram.verify(
        0,
        postRequestedFor(urlEqualTo("/bot" + HOOK_TOKEN + "/getFile"))
            .withRequestBody(
                matchingJsonPath("$.file_id", equalTo("AgACAgIAAxkBAAIH0WZflickerSmall"))));

    telegram.verify(
        0,
        postRequestedFor(urlEqualTo("/bot" + HOOK_TOKEN + "/getFile"))
            .withRequestBody(
                matchingJsonPath("$.file_id", equalTo("BQACAgIAAxkBAAIH0mZreceiptScan"))));

    // The files' addresses hold the bot token: the notes name the files, never where they were.
    assertThat(PostedMedia.of(jdbc, attachmentDir, "222333444:2002")).isEmpty();
    assertThat(PostedMedia.body(jdbc, "222333444:2002"))
        .isEqualTo("发票\n\n[receipt.pdf (not downloaded: larger than 10 MB)]");
    assertThat(PostedMedia.body(jdbc, "222333444:2003"))
        .isEqualTo(
            "[fault.mp4 (not downloaded: Telegram refused getFile (400): Bad Request: file is too"
                + " big)]");
    assertThat(PostedMedia.body(jdbc, "222333444:2004"))
        .isEqualTo("屏幕一直闪，照片在这里\n\n[file_9.jpg (not downloaded: HTTP 404)]");
    assertThat(
            jdbc.queryForList(
                "select body from conversations_message where external_id like '222333444:%'",
                String.class))
        .noneMatch(body -> body.contains(HOOK_TOKEN));
  }

  private HttpResponse<String> hook(String body, String secret) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/" + hooked.value()))
            .header("Content-Type", "application/json")
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder file(String name) {
    return json(read(name));
  }

  static String read(String name) {
    return Stubs.fixture("connectors/telegram/" + name);
  }
}
