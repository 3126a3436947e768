package io.parley.connectors.x;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parley.connectors.x.XChannelTests.file;
import static io.parley.connectors.x.XChannelTests.read;
import static io.parley.support.Stubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.parley.channels.AccountSecrets;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.DeliveryResult;
import io.parley.channels.OutboundMessage;
import io.parley.channels.PollResult;
import io.parley.channels.internal.StoredAccounts;
import io.parley.identity.Brands;
import io.parley.support.ChannelPolls;
import io.parley.support.ParleyTest;
import io.parley.support.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * X's OAuth 2.0 user tokens live two hours; the connector renews them with the refresh token at X's
 * token endpoint (WireMock replaying its documented answers, see resources/connectors/x/README.md).
 * X rotates the refresh token on every use, so what matters is that the new tokens are stored
 * before they are used and that one renewal happens however many calls, threads or nodes meet the
 * expired token together.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XTokenRenewalTests {

  static final String ME = "/2/users/me";
  static final String MENTIONS = XChannelTests.MENTIONS;
  static final String TOKEN = "/2/oauth2/token";
  static final String CLIENT_ID = "cGFybGV5LXgtY2xpZW50OjE6Y2k";
  static final String NO_MENTIONS = "{\"meta\":{\"result_count\":0}}";
  static final AtomicInteger ACCOUNTS = new AtomicInteger();

  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext context;
  @Autowired TestClock clock;

  final HeldTogether together = new HeldTogether();
  final List<ChannelAccountId> connected = new ArrayList<>();
  WireMockServer x;

  @BeforeAll
  void startX() {
    x = new WireMockServer(options().dynamicPort().extensions(together));
    x.start();
  }

  @AfterAll
  void stopX() {
    x.stop();
  }

  @BeforeEach
  void reset() {
    x.resetAll();
  }

  @AfterEach
  void disconnect() {
    clock.release();
    connected.forEach(id -> accounts.activate(id, false));
    connected.clear();
  }

  @Test
  void anExpiredTokenIsRenewedAndTheRotatedTokensAreStoredEncryptedAndUsedAfterARestart() {
    // The first poll meets the expired token, renews it and polls again with the new one.
    ChannelAccountId account = renewedOnFirstPoll(null);

    assertThat(accounts.health(account).state()).isEqualTo("ok");
    x.verify(
        1,
        postRequestedFor(urlEqualTo(TOKEN))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withHeader("Authorization", absent())
            .withRequestBody(
                equalTo(
                    "grant_type=refresh_token&refresh_token=refresh-1&client_id=" + CLIENT_ID)));
    x.verify(1, getRequestedFor(urlEqualTo(ME)).withHeader("Authorization", bearer("expired-1")));
    x.verify(1, getRequestedFor(urlEqualTo(ME)).withHeader("Authorization", bearer("access-2")));
    x.verify(
        getRequestedFor(urlPathEqualTo(MENTIONS)).withHeader("Authorization", bearer("access-2")));
    String sealed =
        jdbc.queryForObject(
            "select secrets from channels_account where id = ?", String.class, account.value());
    assertThat(sealed).startsWith("v1:").doesNotContain("access-2").doesNotContain("refresh-2");
    assertThat(StoredAccounts.settings(context, account))
        .containsEntry("userAccessToken", "access-2")
        .containsEntry("refreshToken", "refresh-2");

    // After a restart, two hours later: the stored token is used, then renewed with the stored
    // (rotated) refresh token.
    x.resetAll();
    stubMe("access-2", 401);
    stubMe("access-3", 200);
    stubMentions("access-3");
    stubRenewal("refresh-2", "access-3", "refresh-3");
    try (ChannelConnector restarted = StoredAccounts.newConnector(context, account)) {
      assertThat(restarted.poll(null).messages()).isEmpty();
    }
    x.verify(1, getRequestedFor(urlEqualTo(ME)).withHeader("Authorization", bearer("access-2")));
    x.verify(
        1,
        postRequestedFor(urlEqualTo(TOKEN))
            .withRequestBody(
                equalTo(
                    "grant_type=refresh_token&refresh_token=refresh-2&client_id=" + CLIENT_ID)));
    assertThat(StoredAccounts.settings(context, account))
        .containsEntry("userAccessToken", "access-3")
        .containsEntry("refreshToken", "refresh-3");
  }

  @Test
  void thePollerAndTheOutboxMeetingTheExpiredTokenTogetherRenewItOnce() throws Exception {
    ChannelAccountId account = connectedAndPolled("old-1", "refresh-1");
    stubMe("old-1", 401, together.getName());
    x.stubFor(
        post(urlEqualTo("/2/tweets"))
            .withHeader("Authorization", bearer("old-1"))
            .willReturn(
                file("error-401.json").withStatus(401).withTransformers(together.getName())));
    stubRenewal("refresh-1", "new-2", "refresh-2");
    stubMe("new-2", 200);
    stubMentions("new-2");
    x.stubFor(
        post(urlEqualTo("/2/tweets"))
            .withHeader("Authorization", bearer("new-2"))
            .willReturn(file("create-tweet-response.json").withStatus(201)));
    together.expect(2);

    ChannelConnector connector = StoredAccounts.newConnector(context, account);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<PollResult> poll = threads.submit(() -> connector.poll(null));
      Future<DeliveryResult> send = threads.submit(() -> connector.send(reply()));

      assertThat(poll.get(60, TimeUnit.SECONDS).messages()).isEmpty();
      assertThat(send.get(60, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.SENT);
    } finally {
      threads.shutdownNow();
      connector.close();
    }
    assertThat(together.met()).as("both calls were refused before either renewed").isTrue();
    x.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    x.verify(
        1, postRequestedFor(urlEqualTo("/2/tweets")).withHeader("Authorization", bearer("new-2")));
    assertThat(StoredAccounts.settings(context, account))
        .containsEntry("userAccessToken", "new-2")
        .containsEntry("refreshToken", "refresh-2");
  }

  @Test
  void twoNodesMeetingTheExpiredTokenTogetherRenewItOnceAndBothUseTheStoredRenewal()
      throws Exception {
    ChannelAccountId account = connectedAndPolled("old-1", "refresh-1");
    stubMe("old-1", 401, together.getName());
    stubRenewal("refresh-1", "new-2", "refresh-2");
    // Had the second node renewed too, it would have sent the used-up refresh token.
    x.stubFor(
        post(urlEqualTo(TOKEN))
            .withRequestBody(equalTo(renewal("refresh-2")))
            .willReturn(file("oauth2-token-invalid-grant.json").withStatus(400)));
    stubMe("new-2", 200);
    stubMentions("new-2");
    together.expect(2);

    ChannelConnector first = StoredAccounts.newConnector(context, account);
    ChannelConnector second = StoredAccounts.newConnector(context, account);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Future<PollResult> one = nodes.submit(() -> first.poll(null));
      Future<PollResult> two = nodes.submit(() -> second.poll(null));

      assertThat(one.get(60, TimeUnit.SECONDS).messages()).isEmpty();
      assertThat(two.get(60, TimeUnit.SECONDS).messages()).isEmpty();
    } finally {
      nodes.shutdownNow();
      first.close();
      second.close();
    }
    assertThat(together.met()).as("both nodes were refused before either renewed").isTrue();
    x.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    x.verify(
        2, getRequestedFor(urlPathEqualTo(MENTIONS)).withHeader("Authorization", bearer("new-2")));
    assertThat(StoredAccounts.settings(context, account))
        .containsEntry("userAccessToken", "new-2")
        .containsEntry("refreshToken", "refresh-2");
  }

  @Test
  void aRevokedRefreshTokenAsksAdminsToReconnectIsNotTriedAgainAndReconnectingHeals() {
    stubMe("expired-1", 401);
    x.stubFor(
        post(urlEqualTo(TOKEN))
            .willReturn(file("oauth2-token-invalid-grant.json").withStatus(400)));

    x.stubFor(
        post(urlEqualTo("/2/tweets"))
            .withHeader("Authorization", bearer("expired-1"))
            .willReturn(file("error-401.json").withStatus(401)));

    ChannelAccountId account = connect("expired-1", "revoked-1", null);
    awaitFirstPoll(account);

    var health = accounts.health(account);
    assertThat(health.state()).isEqualTo("error");
    assertThat(health.lastError())
        .contains("invalid_grant")
        .contains("Reconnect the X account")
        .contains("refresh tokens");
    DeliveryResult reply = accounts.connector(account).orElseThrow().send(reply());
    assertThat(reply.status()).isEqualTo(DeliveryResult.Status.RETRY);
    assertThat(reply.error()).contains("Reconnect the X account");

    ChannelPolls.pollNow(jdbc, account);
    assertThat(accounts.health(account).lastError()).contains("Reconnect the X account");
    x.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    assertThat(StoredAccounts.settings(context, account))
        .containsEntry("userAccessToken", "expired-1")
        .containsEntry("refreshToken", "revoked-1");

    // An admin authorises the app again and enters the new tokens.
    stubMe("fresh-1", 200);
    stubMentions("fresh-1");
    var summary = accounts.find(account).orElseThrow();
    accounts.reconfigure(
        account, summary.name(), summary.address(), settings("fresh-1", "fresh-refresh-1", null));
    ChannelPolls.pollNow(jdbc, account);
    assertThat(accounts.health(account).state()).isEqualTo("ok");
    x.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
  }

  @Test
  void aTokenRefusedEvenAfterRenewalIsReportedWithoutRenewingAgain() {
    ChannelAccountId account = connectedAndPolled("old-1", "refresh-1");
    stubMe("old-1", 401);
    stubRenewal("refresh-1", "new-2", "refresh-2");
    stubMe("new-2", 401);

    try (ChannelConnector connector = StoredAccounts.newConnector(context, account)) {
      assertThatThrownBy(() -> connector.poll(null))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("401")
          .hasMessageContaining("reconnect the X account");
      // The next polls meet the same refusal without rotating the tokens each time.
      assertThatThrownBy(() -> connector.poll(null))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("reconnect the X account");
    }
    x.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    x.verify(3, getRequestedFor(urlEqualTo(ME)));
  }

  @Test
  void aConfidentialClientAuthenticatesWithBasic() {
    ChannelAccountId account = renewedOnFirstPoll("client-secret-1");

    assertThat(accounts.health(account).state()).isEqualTo("ok");
    String basic =
        Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":client-secret-1").getBytes(StandardCharsets.UTF_8));
    x.verify(
        1,
        postRequestedFor(urlEqualTo(TOKEN))
            .withHeader("Authorization", equalTo("Basic " + basic))
            .withRequestBody(equalTo(renewal("refresh-1"))));
  }

  @Test
  void theTokenIsRenewedShortlyBeforeItExpiresWithoutWaitingForARefusal() {
    ChannelAccountId account = renewedOnFirstPoll(null);
    // The connector that renewed the token knows when it expires (X said so).
    ChannelConnector live = accounts.connector(account).orElseThrow();

    x.resetAll();
    x.stubFor(
        get(urlPathEqualTo(MENTIONS))
            .withHeader("Authorization", bearer("access-2"))
            .willReturn(file("error-401.json").withStatus(401)));
    stubRenewal("refresh-2", "access-3", "refresh-3");
    stubMentions("access-3");
    // X said 7200 seconds; renewed XUserToken.AHEAD before, not at the first refusal.
    clock.advance(Duration.ofSeconds(7200).minus(XUserToken.AHEAD).plusSeconds(1));

    assertThat(live.poll(null).messages()).isEmpty();

    x.verify(1, postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(equalTo(renewal("refresh-2"))));
    x.verify(
        0,
        getRequestedFor(urlPathEqualTo(MENTIONS)).withHeader("Authorization", bearer("access-2")));
    x.verify(
        1,
        getRequestedFor(urlPathEqualTo(MENTIONS)).withHeader("Authorization", bearer("access-3")));
  }

  // ------------------------------------------------------------------------------------------

  @Test
  void tokensXGrantedAreStoredAgainWhenTheirFirstCommitFails() {
    ChannelAccountId account = connectedAndPolled("old-1", "refresh-1");
    stubRenewal("refresh-1", "access-2", "refresh-2");
    // The first attempt to store them fails after X answered (the database went away at commit).
    AccountSecrets real = context.getBean(AccountSecrets.class);
    AtomicInteger stores = new AtomicInteger();
    AccountSecrets failingOnce =
        (id, renewal) -> {
          if (stores.incrementAndGet() == 1) {
            renewal.apply(StoredAccounts.settings(context, id));
            throw new org.springframework.transaction.CannotCreateTransactionException(
                "connection lost at commit");
          }
          return real.renew(id, renewal);
        };
    var connector =
        new ConnectorAccount(
            account,
            brands.all().get(0).id(),
            "x",
            "renewal",
            "@renewal",
            StoredAccounts.settings(context, account));
    XUserToken token =
        new XUserToken(
            connector,
            x.baseUrl(),
            failingOnce,
            java.net.http.HttpClient.newHttpClient(),
            JsonMapper.builder().build(),
            clock);

    assertThat(token.renewAfterRefusal("old-1")).contains("access-2");
    assertThat(stores).hasValue(2);
    x.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    assertThat(StoredAccounts.settings(context, account))
        .containsEntry("userAccessToken", "access-2")
        .containsEntry("refreshToken", "refresh-2");
    assertThat(token.current()).isEqualTo("access-2");
  }

  /** An account whose first poll met the expired token and renewed it (refresh-1 → access-2). */
  private ChannelAccountId renewedOnFirstPoll(String clientSecret) {
    stubMe("expired-1", 401);
    stubMe("access-2", 200);
    stubMentions("access-2");
    stubRenewal("refresh-1", "access-2", "refresh-2");
    ChannelAccountId account = connect("expired-1", "refresh-1", clientSecret);
    awaitFirstPoll(account);
    return account;
  }

  private ChannelAccountId connect(String accessToken, String refreshToken, String clientSecret) {
    var brand =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    int n = ACCOUNTS.incrementAndGet();
    ChannelAccountId id =
        accounts
            .connect(
                brand.id(),
                "x",
                "Acme Mobile on X (renewal " + n + ")",
                "@AcmeRenewal" + n + "_" + System.nanoTime(),
                settings(accessToken, refreshToken, clientSecret))
            .id();
    connected.add(id);
    return id;
  }

  private Map<String, String> settings(
      String accessToken, String refreshToken, String clientSecret) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("apiBaseUrl", x.baseUrl());
    settings.put("userAccessToken", accessToken);
    settings.put("refreshToken", refreshToken);
    settings.put("clientId", CLIENT_ID);
    if (clientSecret != null) {
      settings.put("clientSecret", clientSecret);
    }
    settings.put("directMessages", "false");
    settings.put("filteredStream", "false");
    settings.put("pollSeconds", "3600");
    return settings;
  }

  /** An account whose first poll went well with {@code accessToken}; X's journal then cleared. */
  private ChannelAccountId connectedAndPolled(String accessToken, String refreshToken) {
    stubMe(accessToken, 200);
    stubMentions(accessToken);
    ChannelAccountId account = connect(accessToken, refreshToken, null);
    awaitFirstPoll(account);
    assertThat(accounts.health(account).state()).isEqualTo("ok");
    x.resetAll();
    return account;
  }

  /** Connecting an account polls it at once (the scheduler's next tick); until it is over. */
  private void awaitFirstPoll(ChannelAccountId account) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from channels_account where id = ?"
                            + " and last_poll_at is not null and poll_lease_until is null",
                        Long.class,
                        account.value())
                    == 1);
  }

  private void stubMe(String token, int status, String... transformers) {
    x.stubFor(
        get(urlEqualTo(ME))
            .withHeader("Authorization", bearer(token))
            .willReturn(
                (status == 200 ? file("users-me.json") : file("error-401.json").withStatus(status))
                    .withTransformers(transformers)));
  }

  private void stubMentions(String token) {
    x.stubFor(
        get(urlPathEqualTo(MENTIONS))
            .withHeader("Authorization", bearer(token))
            .willReturn(json(NO_MENTIONS)));
  }

  /** X answers a renewal with {@code refreshToken} by the two new tokens. */
  private void stubRenewal(String refreshToken, String newAccess, String newRefresh) {
    ObjectNode answer =
        (ObjectNode) JsonMapper.builder().build().readTree(read("oauth2-token.json"));
    answer.put("access_token", newAccess);
    answer.put("refresh_token", newRefresh);
    x.stubFor(
        post(urlEqualTo(TOKEN))
            .withRequestBody(equalTo(renewal(refreshToken)))
            .willReturn(json(answer.toString())));
  }

  private static String renewal(String refreshToken) {
    return "grant_type=refresh_token&refresh_token=" + refreshToken + "&client_id=" + CLIENT_ID;
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern bearer(String token) {
    return equalTo("Bearer " + token);
  }

  private static OutboundMessage reply() {
    return new OutboundMessage(
        "renewal-" + System.nanoTime(),
        "2244994945",
        "陈美",
        null,
        "We are on it.",
        null,
        "1860000000000000101",
        List.of("1860000000000000101"),
        "ACME-1",
        true,
        List.of());
  }

  /**
   * Holds each request it answers until the expected number of them arrived, so X answers them
   * together: each caller meets the refusal before any of them could renew.
   */
  static final class HeldTogether implements ResponseDefinitionTransformerV2 {

    private volatile CountDownLatch arrived = new CountDownLatch(0);

    void expect(int requests) {
      arrived = new CountDownLatch(requests);
    }

    /** Whether every expected request arrived (rather than the wait for them running out). */
    boolean met() {
      return arrived.getCount() == 0;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      CountDownLatch latch = arrived;
      latch.countDown();
      try {
        latch.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return event.getResponseDefinition();
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return "held-together";
    }
  }
}
