package io.parley.listening.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parley.support.Stubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.routing.Routing;
import io.parley.support.ParleyTest;
import io.parley.support.PostedMedia;
import io.parley.support.Stubs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * X's filtered stream, end to end through the application's own scheduling: the stream's posts go
 * through the inbound pipeline in bursts; the post a rule matches becomes a mention and a case, the
 * other is ignored, and the posts the stream sends again after reconnecting are duplicates.
 */
@ParleyTest
class StreamIntakeTests {

  @Autowired Brands brands;
  @Autowired ChannelAccounts accounts;
  @Autowired Routing routing;
  @Autowired RuleBook rules;
  @Autowired JdbcTemplate jdbc;

  WireMockServer x;
  WireMockServer cdn;
  ChannelAccountId account;

  @AfterEach
  void stop() {
    if (account != null) {
      accounts.activate(account, false);
    }
    if (x != null) {
      x.stop();
    }
    if (cdn != null) {
      cdn.stop();
    }
  }

  @Test
  void aStreamedPostThatARuleMatchesBecomesOneCaseAndTheOtherIsIgnored() {
    String code = "si" + UUID.randomUUID().toString().substring(0, 6);
    BrandSummary brand = brands.register(code, "Stream " + code, code.toUpperCase());
    routing.create(brand.id(), "Support", false, true, List.of());
    rules.define(
        brand.id().value(),
        "switching to a competitor",
        "globex AND (switching OR switch)",
        true,
        "HIGH",
        "competitor:globex");

    x = new WireMockServer(options().dynamicPort());
    x.start();
    x.stubFor(get(urlEqualTo("/2/users/me")).willReturn(json(read("users-me.json"))));
    x.stubFor(
        get(urlPathEqualTo("/2/users/1500000000000000001/mentions"))
            .willReturn(json("{\"meta\":{\"result_count\":0}}")));
    x.stubFor(get(urlPathEqualTo("/2/dm_events")).willReturn(json(read("dm-events-empty.json"))));
    x.stubFor(
        get(urlPathEqualTo("/2/tweets/search/stream"))
            .willReturn(aResponse().withStatus(200).withBody(read("stream.jsonl"))));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("apiBaseUrl", x.baseUrl());
    settings.put("userAccessToken", "x-user-token-for-tests");
    settings.put("appBearerToken", "x-app-token-for-tests");
    settings.put("directMessages", "false");
    settings.put("filteredStream", "true");
    settings.put("pollSeconds", "3600");
    account = accounts.connect(brand.id(), "x", "Stream " + code, "@" + code, settings).id();

    // The stream ends after its two posts and reconnects (5 s later): both posts come twice.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                x.verify(
                    com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(2),
                    getRequestedFor(urlPathEqualTo("/2/tweets/search/stream"))));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from conversations_case where channel_account_id = ?",
                        Long.class,
                        account.value())
                    > 0);

    assertThat(
            jdbc.queryForList(
                "select external_id from channels_inbound where account_id = ?",
                String.class,
                account.value()))
        .as("the matched post stored once, the other not at all")
        .containsExactly("1860000000000000502");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_case where channel_account_id = ? and"
                    + " priority = 'HIGH'",
                Long.class,
                account.value()))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from listening_mention where channel_account_id = ?",
                Long.class,
                account.value()))
        .isEqualTo(1);
    // The matched post answers a stranger's post: a listened post brings no parent (no API call,
    // no files, no case for the stranger).
    x.verify(0, getRequestedFor(urlPathEqualTo("/2/tweets/1860000000000000490")));
  }

  @Test
  void aPhotoTooSlowForTheStreamIsNamedOnTheCaseWhichOpensWithoutIt() {
    String code = "sm" + UUID.randomUUID().toString().substring(0, 6);
    BrandSummary brand = brands.register(code, "Slow " + code, code.toUpperCase());
    routing.create(brand.id(), "Support", false, true, List.of());
    rules.define(brand.id().value(), "flicker reports", "flickering", true, null, null);

    cdn = new WireMockServer(options().dynamicPort());
    cdn.start();
    // Slower than a burst may wait for files, well within a poll's budget and a file's timeout.
    cdn.stubFor(
        get(urlEqualTo("/media/Sl0w801.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg").withFixedDelay(8_000)));
    cdn.stubFor(
        get(urlEqualTo("/ext_tw_video_thumb/1860000000000000812/pu/img/St1ll812.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.PNG, "image/jpeg")));
    // The first post of the documented media stream, as another post on slow files.
    String line =
        read("stream-media.jsonl")
            .lines()
            .findFirst()
            .orElseThrow()
            .replace("18600000000000007", "18600000000000008")
            .replace("GdSt701Fl1ck.jpg", "Sl0w801.jpg")
            .replace("St1ll712.jpg", "St1ll812.jpg")
            .replace("https://pbs.twimg.com", cdn.baseUrl());
    startStream(brand, code, line + "\n");

    String post = "1860000000000000801";
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> !jdbc.queryForList(MESSAGE_BODY, String.class, post, account.value()).isEmpty());

    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_attachment a join conversations_message m on"
                    + " m.id = a.message_id where m.external_id = ?",
                Long.class,
                post))
        .isZero();
    assertThat(jdbc.queryForObject(MESSAGE_BODY, String.class, post, account.value()))
        .endsWith(
            "\n\n[Sl0w801.jpg (not downloaded: timed out): "
                + cdn.baseUrl()
                + "/media/Sl0w801.jpg]\n"
                + "[preview-St1ll812.jpg (not downloaded: too many files at once (this poll's"
                + " download budget is used up)): https://x.com/i/web/status/"
                + post
                + "]\n"
                + "[video: https://x.com/i/web/status/"
                + post
                + "]");
  }

  private static final String MESSAGE_BODY =
      "select m.body from conversations_message m join conversations_case c on c.id = m.case_id"
          + " where m.external_id = ? and c.channel_account_id = ?";

  private void startStream(BrandSummary brand, String code, String stream) {
    x = new WireMockServer(options().dynamicPort());
    x.start();
    x.stubFor(get(urlEqualTo("/2/users/me")).willReturn(json(read("users-me.json"))));
    x.stubFor(
        get(urlPathEqualTo("/2/users/1500000000000000001/mentions"))
            .willReturn(json("{\"meta\":{\"result_count\":0}}")));
    x.stubFor(
        get(urlPathEqualTo("/2/tweets/search/stream"))
            .willReturn(aResponse().withStatus(200).withBody(stream)));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("apiBaseUrl", x.baseUrl());
    settings.put("userAccessToken", "x-user-token-for-tests");
    settings.put("appBearerToken", "x-app-token-for-tests");
    settings.put("directMessages", "false");
    settings.put("filteredStream", "true");
    settings.put("pollSeconds", "3600");
    account = accounts.connect(brand.id(), "x", "Stream " + code, "@" + code, settings).id();
  }

  private static String read(String name) {
    return Stubs.fixture("connectors/x/" + name);
  }
}
