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
  ChannelAccountId account;

  @AfterEach
  void stop() {
    if (account != null) {
      accounts.activate(account, false);
    }
    if (x != null) {
      x.stop();
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

  private static String read(String name) {
    return Stubs.fixture("connectors/x/" + name);
  }
}
