package io.parley.channels.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parley.support.Stubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.identity.Brands;
import io.parley.listening.internal.RuleBook;
import io.parley.routing.Routing;
import io.parley.support.ChannelPolls;
import io.parley.support.MastodonStatuses;
import io.parley.support.ParleyTest;
import io.parley.support.PostedMedia;
import io.parley.support.Stubs;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A poll ends within its lease (else another node polls the account too): the files of the listened
 * posts a poll makes cases get only what is left of the lease after the connector's own work.
 */
@ParleyTest
class PollLeaseTests {

  @Autowired ChannelPoller poller;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired Routing routing;
  @Autowired RuleBook rules;
  @Autowired JdbcTemplate jdbc;

  @org.springframework.beans.factory.annotation.Value("${parley.conversations.attachment-dir}")
  String attachmentDir;

  WireMockServer instance;
  ChannelAccountId account;

  @AfterEach
  void stop() {
    if (account != null) {
      accounts.activate(account, false);
    }
    if (instance != null) {
      instance.stop();
    }
  }

  @Test
  void aListenedPhotoThatWouldOutlastThePollsLeaseIsNamedOnTheCaseInstead() {
    String code = "pl" + UUID.randomUUID().toString().substring(0, 6);
    var brand = brands.register(code, "Lease " + code, code.toUpperCase());
    routing.create(brand.id(), "Support", false, true, List.of());
    rules.define(brand.id().value(), "flicker reports", "flickering", true, null, null);
    String tag = "lease" + code;
    String timeline = "/api/v1/timelines/tag/" + tag;
    instance = new WireMockServer(options().dynamicPort());
    instance.start();
    instance.stubFor(
        get(urlEqualTo("/api/v1/accounts/verify_credentials"))
            .willReturn(json(Stubs.fixture("connectors/mastodon/verify-credentials.json"))));
    instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).willReturn(json("[]")));
    instance.stubFor(
        get(urlPathEqualTo(timeline)).withQueryParam("min_id", absent()).willReturn(json("[]")));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("instanceUrl", instance.baseUrl());
    settings.put("accessToken", "mastodon-token-for-tests");
    settings.put("pollSeconds", "3600");
    settings.put("hashtags", "#" + tag);
    account = accounts.connect(brand.id(), "mastodon", "Lease " + code, "@" + code, settings).id();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ready(tag)); // the tag first read, the lease released

    String status = MastodonStatuses.id(Instant.now());
    String photo = "/media_attachments/files/slow/flicker.jpg";
    // Slower than what the lease leaves, well within a poll's own download budget and timeout.
    instance.stubFor(
        get(urlEqualTo(photo))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg").withFixedDelay(8_000)));
    instance.stubFor(
        get(urlPathEqualTo(timeline))
            .withQueryParam("min_id", equalTo("0"))
            .willReturn(
                json(
                    MastodonStatuses.page(
                        MastodonStatuses.status(
                            status, tag, "my X12 keeps flickering", instance.baseUrl() + photo)))));

    // The lease has little left: a moment more than the poll keeps to store what it brought.
    poller.poll(account.value(), Instant.now().plus(ChannelPoller.STORE_TIME).plusSeconds(1));

    ChannelPolls.awaitCaseOf(jdbc, status);
    assertThat(PostedMedia.of(jdbc, attachmentDir, status)).isEmpty();
    assertThat(PostedMedia.body(jdbc, status))
        .startsWith("my X12 keeps flickering #" + tag + "\n\n[flicker.jpg (not downloaded: ")
        .endsWith("): " + instance.baseUrl() + photo + "]");
  }

  private boolean ready(String tag) {
    var row =
        jdbc.queryForMap(
            "select poll_cursor, poll_lease_until from channels_account where id = ?",
            account.value());
    return ("#" + tag + "=0").equals(row.get("poll_cursor")) && row.get("poll_lease_until") == null;
  }
}
