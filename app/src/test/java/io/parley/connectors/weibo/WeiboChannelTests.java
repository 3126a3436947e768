package io.parley.connectors.weibo;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parley.connectors.weibo.WeiboConnectorTests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.parley.channels.AccountHealth;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.internal.ChannelAccountRepository;
import io.parley.identity.Brands;
import io.parley.support.ApiTokens;
import io.parley.support.ChannelPolls;
import io.parley.support.ParleyTest;
import io.parley.support.PostedMedia;
import io.parley.support.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Weibo account polled by the running application against WireMock replaying Weibo's documented
 * answers: an expired token, then mentions and comments that become one case, a reply that reaches
 * Weibo as documented, then a malformed answer, a server error and a rate limit. Nothing is lost
 * and the account's health says what happened each time. Another account's post brings its pictures
 * to its case.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeiboChannelTests {

  @LocalServerPort int port;
  @Autowired ChannelAccounts accounts;
  @Autowired ChannelAccountRepository repository;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;

  @org.springframework.beans.factory.annotation.Value("${parley.conversations.attachment-dir}")
  String attachmentDir;

  WireMockServer weibo = new WireMockServer(options().dynamicPort());
  ChannelAccountId account;

  @AfterAll
  void stop() {
    if (account != null) {
      accounts.activate(account, false);
    }
    weibo.stop();
  }

  @Test
  void mentionsBecomeOneCaseTheReplyIsACommentAndEveryFailureShowsOnTheAccount() {
    weibo.start();
    weibo.stubFor(
        get(urlPathEqualTo("/2/statuses/mentions.json"))
            .willReturn(json("error_expired_token.json").withStatus(401)));
    var acme =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    account =
        accounts
            .connect(acme.id(), "weibo", "@Acme手机 (test)", "weibo:acme-test", settings(weibo, "15"))
            .id();

    // 1. The token expired: nothing read, the account says so.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> String.valueOf(accounts.health(account).lastError()).contains("21327"));
    assertThat(accounts.health(account).state()).isEqualTo("error");
    assertThat(inbound()).isZero();

    // 2. A new token works: the post and both comments land on one case, the account is fine.
    weibo.resetAll();
    stubFeeds("statuses_mentions.json");
    pollUntil(() -> inbound() == 3);
    List<Long> cases =
        jdbc.queryForList(
            "select distinct case_id from conversations_message where external_id like"
                + " 'weibo:%4970001234567891%'",
            Long.class);
    assertThat(cases).hasSize(1);
    String reference =
        jdbc.queryForObject(
            "select reference from conversations_case where id = ?", String.class, cases.get(0));
    assertThat(accounts.health(account).state()).isEqualTo("ok");
    String cursor = cursor();
    assertThat(cursor).isEqualTo("s=4970001234567891;c=4970001234599001;t=4970001234611002");

    // 3. The agent answers in public: a reply to the customer's last comment, as documented.
    weibo.stubFor(
        post(urlPathEqualTo("/2/comments/reply.json")).willReturn(json("comments_reply.json")));
    String token = ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD);
    assertThat(new WebClient(port).reply(reference, token, "车机固件升级后即可连接").statusCode())
        .isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !weibo
                    .findAll(postRequestedFor(urlPathEqualTo("/2/comments/reply.json")))
                    .isEmpty());
    weibo.verify(
        1,
        postRequestedFor(urlPathEqualTo("/2/comments/reply.json"))
            .withFormParam("access_token", equalTo(WeiboConnectorTests.TOKEN))
            .withFormParam("cid", equalTo("4970001234611002"))
            .withFormParam("id", equalTo("4970001234567891"))
            .withFormParam("comment", WireMock.matching("回复@wangjun:车机固件升级后即可连接.*"))
            .withFormParam("without_mention", equalTo("1")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "weibo:comment:4970001234567891:4970001234700777"
                    .equals(
                        jdbc
                            .queryForList(
                                "select external_id from channels_outbox where account_id = ?"
                                    + " and status = 'SENT'",
                                String.class,
                                account.value())
                            .stream()
                            .findFirst()
                            .orElse(null)));

    // 4. A truncated answer: the poll fails, the cursor stays, nothing is half-read.
    weibo.resetAll();
    stubFeeds("malformed.json");
    pollUntil(() -> String.valueOf(accounts.health(account).lastError()).contains("malformed"));
    assertThat(cursor()).isEqualTo(cursor);
    assertThat(inbound()).isEqualTo(3);

    // 5. Weibo is down.
    weibo.stubFor(
        get(urlPathEqualTo("/2/statuses/mentions.json"))
            .willReturn(WireMock.aResponse().withStatus(502)));
    pollUntil(() -> String.valueOf(accounts.health(account).lastError()).contains("502"));
    assertThat(cursor()).isEqualTo(cursor);

    // 6. Rate limited: the account waits until Weibo's reset and says so.
    weibo.stubFor(
        get(urlPathEqualTo("/2/statuses/mentions.json"))
            .willReturn(json("error_rate_limit.json").withStatus(403)));
    weibo.stubFor(
        get(urlPathEqualTo("/2/account/rate_limit_status.json"))
            .willReturn(json("rate_limit_status.json")));
    Instant before = Instant.now();
    pollUntil(() -> "limited".equals(accounts.health(account).state()));
    AccountHealth health = accounts.health(account);
    assertThat(health.lastError()).contains("10023");
    assertThat(health.rateLimitedUntil())
        .isAfter(before.plusSeconds(30))
        .isBefore(Instant.now().plusSeconds(43));
    assertThat(inbound()).isEqualTo(3);
  }

  @Test
  void aPostsPicturesReachItsCaseAndThoseGoneOrTooLargeAreNamedInIt() {
    WireMockServer pictures = new WireMockServer(options().dynamicPort());
    pictures.start();
    ChannelAccountId withPictures = null;
    try {
      // The feeds, and the image hosts the post's pictures are on, served by one stub server.
      WeiboConnectorTests.servePictures(pictures);
      var acme =
          brands.all().stream()
              .filter(b -> b.casePrefix().equals("ACME"))
              .findFirst()
              .orElseThrow();
      withPictures =
          accounts
              .connect(
                  acme.id(),
                  "weibo",
                  "@Acme手机 (pictures)",
                  "weibo:acme-pictures",
                  settings(pictures, "3600"))
              .id();

      String id = "weibo:status:4970009990000001";
      ChannelPolls.awaitCaseOf(jdbc, id);

      var stored = PostedMedia.of(jdbc, attachmentDir, id);
      assertThat(stored)
          .extracting(PostedMedia.Stored::filename, PostedMedia.Stored::contentType)
          .containsExactly(
              tuple("006aBcDegy1hflicker01.jpg", "image/jpeg"),
              tuple("006aBcDegy1hreceipt02.png", "image/png"));
      assertThat(stored.get(0).bytes()).isEqualTo(PostedMedia.JPEG);
      assertThat(stored.get(1).bytes()).isEqualTo(PostedMedia.PNG);
      assertThat(PostedMedia.body(jdbc, id))
          .isEqualTo(
              "@Acme手机 收到的X12屏幕一直闪烁，发票和照片都在这里了，怎么换货？\n\n"
                  + "[006aBcDegy1hremoved03.jpg (not downloaded: HTTP 404): "
                  + pictures.baseUrl()
                  + "/large/006aBcDegy1hremoved03.jpg]\n"
                  + "[006aBcDegy1hbigscan04.jpg (not downloaded: larger than 10 MB): "
                  + pictures.baseUrl()
                  + "/large/006aBcDegy1hbigscan04.jpg]");
    } finally {
      if (withPictures != null) {
        accounts.activate(withPictures, false);
      }
      pictures.stop();
    }
  }

  private void stubFeeds(String statuses) {
    weibo.stubFor(get(urlPathEqualTo("/2/statuses/mentions.json")).willReturn(json(statuses)));
    weibo.stubFor(
        get(urlPathEqualTo("/2/comments/mentions.json"))
            .willReturn(json("comments_mentions.json")));
    weibo.stubFor(
        get(urlPathEqualTo("/2/comments/to_me.json")).willReturn(json("comments_to_me.json")));
  }

  /** Asks for a poll now (again and again, as a running poll sets its own next time). */
  private void pollUntil(java.util.concurrent.Callable<Boolean> condition) {
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              repository.pollSoon(account.value(), Instant.now());
              return condition.call();
            });
  }

  private long inbound() {
    return jdbc.queryForObject(
        "select count(*) from channels_inbound where account_id = ? and status = 'ACCEPTED'",
        Long.class,
        account.value());
  }

  private String cursor() {
    return jdbc.queryForObject(
        "select poll_cursor from channels_account where id = ?", String.class, account.value());
  }

  /** The account's settings with {@code server} as Weibo's API. */
  private static Map<String, String> settings(WireMockServer server, String pollSeconds) {
    return Map.of(
        "weiboAccessToken",
        WeiboConnectorTests.TOKEN,
        "weiboUid",
        "2000000001",
        "weiboApiUrl",
        server.baseUrl() + "/2",
        "weiboMessageApiUrl",
        server.baseUrl() + "/2",
        "pollSeconds",
        pollSeconds);
  }
}
