package io.parley.listening.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.routing.Routing;
import io.parley.support.ChannelPolls;
import io.parley.support.ParleyTest;
import io.parley.support.PostedMedia;
import io.parley.support.Stubs;
import io.parley.support.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Photos of listened posts, end to end from each network's documented payload: a post that a rule
 * makes a case brings its photos to the case, one that is only watched fetches nothing until an
 * agent makes it a case, and a photo that cannot be fetched is named on the case with its link.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenedPhotosTests {

  @Autowired Brands brands;
  @Autowired ChannelAccounts accounts;
  @Autowired Routing routing;
  @Autowired RuleBook rules;
  @Autowired Mentions mentions;
  @Autowired JdbcTemplate jdbc;
  @Autowired io.parley.channels.Ingest ingest;
  @LocalServerPort int port;

  @Value("${parley.conversations.attachment-dir}")
  String attachmentDir;

  BrandSummary brand;
  String watchTag;
  WireMockServer x;
  WireMockServer cdn;
  ChannelAccountId xAccount;
  String gone;
  WireMockServer mastodon;
  ChannelAccountId mastodonAccount;
  String files;
  String goneOnMastodon;

  @BeforeAll
  void listen() {
    String code = "lp" + UUID.randomUUID().toString().substring(0, 6);
    brand = brands.register(code, "Photos " + code, code.toUpperCase());
    routing.create(brand.id(), "Support", false, true, List.of());
    rules.define(brand.id().value(), "flicker reports", "flickering", true, null, null);
    watchTag = "competitor:" + code;
    rules.define(brand.id().value(), "globex watch", "globex", false, null, watchTag);
    listenToX(code);
    listenToMastodon(code);
  }

  private void listenToX(String code) {
    cdn = new WireMockServer(options().dynamicPort());
    cdn.start();
    cdn.stubFor(
        get(urlEqualTo("/media/GdSt701Fl1ck.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    cdn.stubFor(
        get(urlEqualTo("/ext_tw_video_thumb/1860000000000000712/pu/img/St1ll712.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.PNG, "image/jpeg")));
    cdn.stubFor(
        get(urlEqualTo("/media/GdSt702G9.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    cdn.stubFor(
        get(urlEqualTo("/media/GdSt704Suns3t.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    gone = "http://127.0.0.1:" + closedPort() + "/media/GdSt703Gone.jpg";

    x = new WireMockServer(options().dynamicPort());
    x.start();
    x.stubFor(
        get(urlEqualTo("/2/users/me"))
            .willReturn(json(Stubs.fixture("connectors/x/users-me.json"))));
    x.stubFor(
        get(urlPathEqualTo("/2/users/1500000000000000001/mentions"))
            .willReturn(json("{\"meta\":{\"result_count\":0}}")));
    x.stubFor(
        get(urlPathEqualTo("/2/tweets/search/stream"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        Stubs.fixture("connectors/x/stream-media.jsonl")
                            .replace("https://pbs.twimg.com/media/GdSt703Gone.jpg", gone)
                            .replace("https://pbs.twimg.com", cdn.baseUrl()))));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("apiBaseUrl", x.baseUrl());
    settings.put("userAccessToken", "x-user-token-for-tests");
    settings.put("appBearerToken", "x-app-token-for-tests");
    settings.put("directMessages", "false");
    settings.put("filteredStream", "true");
    settings.put("pollSeconds", "3600");
    xAccount = accounts.connect(brand.id(), "x", "X " + code, "@" + code, settings).id();
    // Two posts open cases, one is only watched, one matches nothing.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count("listening_mention", xAccount) == 3 && cases(xAccount) == 2);
  }

  private void listenToMastodon(String code) {
    mastodon = new WireMockServer(options().dynamicPort());
    mastodon.start();
    // The instance's file host, served here.
    files = mastodon.baseUrl() + "/media_attachments/files/109/349";
    goneOnMastodon =
        "http://127.0.0.1:"
            + closedPort()
            + "/media_attachments/files/109/349/012/original/gone.jpg";
    mastodon.stubFor(
        get(urlEqualTo("/api/v1/accounts/verify_credentials"))
            .willReturn(json(Stubs.fixture("connectors/mastodon/verify-credentials.json"))));
    mastodon.stubFor(get(urlPathEqualTo("/api/v1/notifications")).willReturn(json("[]")));
    mastodon.stubFor(
        get(urlPathEqualTo("/api/v1/timelines/tag/acmex12"))
            .withQueryParam("min_id", absent())
            .willReturn(json(onFileHost("timeline-tag.json"))));
    mastodon.stubFor(
        get(urlPathEqualTo("/api/v1/timelines/tag/acmex12"))
            .withQueryParam("min_id", equalTo("103186126728896700"))
            .willReturn(json(onFileHost("timeline-tag-media.json"))));
    mastodon.stubFor(
        get(urlEqualTo("/media_attachments/files/109/349/010/original/flicker.png"))
            .willReturn(PostedMedia.served(PostedMedia.PNG, "image/png")));
    mastodon.stubFor(
        get(urlEqualTo("/media_attachments/files/109/349/015/small/flicker.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    mastodon.stubFor(
        get(urlEqualTo("/media_attachments/files/109/349/011/original/side-by-side.jpg"))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("instanceUrl", mastodon.baseUrl());
    settings.put("accessToken", "mastodon-token-for-tests");
    settings.put("pollSeconds", "3600");
    settings.put("hashtags", "#AcmeX12");
    mastodonAccount =
        accounts.connect(brand.id(), "mastodon", "Mastodon " + code, "@acme", settings).id();
    // The first poll only notes where the tag's timeline is; the next brings what came after.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "#acmex12=103186126728896700".equals(cursor(mastodonAccount))
                    && jdbc.queryForObject(
                            "select poll_lease_until from channels_account where id = ?",
                            java.sql.Timestamp.class,
                            mastodonAccount.value())
                        == null);
    ChannelPolls.pollNow(jdbc, mastodonAccount);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> count("listening_mention", mastodonAccount) == 3 && cases(mastodonAccount) == 2);
  }

  @AfterAll
  void stop() {
    accounts.activate(xAccount, false);
    accounts.activate(mastodonAccount, false);
    x.stop();
    cdn.stop();
    mastodon.stop();
  }

  @Test
  void aListenedStatusThatARuleMakesACaseBringsItsImageAndTheStillOfItsClip() {
    var stored = PostedMedia.of(jdbc, attachmentDir, "103186126728896710");
    assertThat(stored)
        .extracting(PostedMedia.Stored::filename, PostedMedia.Stored::contentType)
        .containsExactly(
            tuple("flicker.png", "image/png"), tuple("preview-flicker.jpg", "image/jpeg"));
    assertThat(stored.get(0).bytes()).isEqualTo(PostedMedia.PNG);
    assertThat(stored.get(1).bytes()).isEqualTo(PostedMedia.JPEG);
    assertThat(PostedMedia.body(jdbc, "103186126728896710"))
        .isEqualTo(
            "My #AcmeX12 keeps flickering since the update, photo and clip attached\n\n"
                + "[video: "
                + files
                + "/015/original/flicker.mp4]");
    // What was on the tag before the account listened is history: not taken, nothing fetched.
    assertThat(inbound(mastodonAccount, "103186126728896700")).isZero();
    mastodon.verify(
        0,
        getRequestedFor(
            urlPathEqualTo("/media_attachments/files/109/349/000/original/unboxing.jpg")));
  }

  @Test
  void anImageThatCannotBeFetchedIsNamedOnTheListenedStatusCase() {
    assertThat(PostedMedia.of(jdbc, attachmentDir, "103186126728896712")).isEmpty();
    String note = "[gone.jpg (not downloaded: unreachable): " + goneOnMastodon + "]";
    assertThat(PostedMedia.body(jdbc, "103186126728896712"))
        .isEqualTo("#AcmeX12 屏幕又开始闪了，flickering again\n\n" + note);
    // The console shows a status's HTML: the note is there too.
    assertThat(
            jdbc.queryForObject(
                "select body_html from conversations_message where external_id = ?",
                String.class,
                "103186126728896712"))
        .contains("<p>" + note + "</p>");
  }

  @Test
  void aWatchedStatusFetchesNothingUntilAnAgentMakesItACase() {
    MentionView watched = mention(mastodonAccount, "103186126728896711");
    assertThat(watched.caseReference()).isNull();
    assertThat(watched.photos()).hasSize(1);
    String image = "/media_attachments/files/109/349/011/original/side-by-side.jpg";
    mastodon.verify(0, getRequestedFor(urlEqualTo(image)));
    // A status that mentions the account is left to the mention poll (here: none), untouched.
    assertThat(inbound(mastodonAccount, "103186126728896713")).isZero();
    mastodon.verify(
        0, getRequestedFor(urlEqualTo("/media_attachments/files/109/349/013/original/mika.jpg")));

    String reference = mentions.openCase(watched.id(), admin());

    var stored = PostedMedia.ofCase(jdbc, attachmentDir, reference);
    assertThat(stored)
        .extracting(PostedMedia.Stored::filename, PostedMedia.Stored::contentType)
        .containsExactly(tuple("side-by-side.jpg", "image/jpeg"));
    assertThat(stored.get(0).bytes()).isEqualTo(PostedMedia.JPEG);
    mastodon.verify(1, getRequestedFor(urlEqualTo(image)));
  }

  @Test
  void aStreamedPostThatARuleMakesACaseBringsItsPhotoAndTheStillOfItsVideo() {
    var files = PostedMedia.of(jdbc, attachmentDir, "1860000000000000701");
    // Types are sniffed from the bytes: the video's still, served as a JPEG, is a PNG.
    assertThat(files)
        .extracting(PostedMedia.Stored::filename, PostedMedia.Stored::contentType)
        .containsExactly(
            tuple("GdSt701Fl1ck.jpg", "image/jpeg"), tuple("preview-St1ll712.jpg", "image/png"));
    assertThat(files.get(0).bytes()).isEqualTo(PostedMedia.JPEG);
    assertThat(files.get(1).bytes()).isEqualTo(PostedMedia.PNG);
    assertThat(PostedMedia.body(jdbc, "1860000000000000701"))
        .isEqualTo(
            "My Acme X12 screen keeps flickering since the update, photo and clip attached"
                + " https://t.co/Fl1ck701X\n\n"
                + "[video: https://x.com/i/web/status/1860000000000000701]");
  }

  @Test
  void aPhotoThatCannotBeFetchedIsNamedOnTheCaseWithItsLink() {
    assertThat(PostedMedia.of(jdbc, attachmentDir, "1860000000000000703")).isEmpty();
    assertThat(PostedMedia.body(jdbc, "1860000000000000703"))
        .isEqualTo(
            "X12 屏幕又开始闪了 flickering again https://t.co/Fl1ck703X\n\n"
                + "[GdSt703Gone.jpg (not downloaded: unreachable): "
                + gone
                + "]");
  }

  @Test
  void aWatchedPostFetchesNothingUntilAnAgentMakesItACase() {
    MentionView watched = mention(xAccount, "1860000000000000702");
    assertThat(watched.caseReference()).isNull();
    assertThat(watched.photos()).hasSize(1);
    assertThat(watched.photos().get(0).description()).isEqualTo("Two phones side by side");
    cdn.verify(0, getRequestedFor(urlEqualTo("/media/GdSt702G9.jpg")));
    // Nor does a post that no rule matches.
    cdn.verify(0, getRequestedFor(urlEqualTo("/media/GdSt704Suns3t.jpg")));

    WebClient web = new WebClient(port);
    web.login("admin", ParleyTest.ADMIN_PASSWORD);
    String page = web.browse("/listening/mentions?tag=" + watchTag).body();
    assertThat(page).contains("📷 1 photo").contains(cdn.baseUrl() + "/media/GdSt702G9.jpg");
    cdn.verify(0, getRequestedFor(urlEqualTo("/media/GdSt702G9.jpg")));

    String reference = mentions.openCase(watched.id(), admin());

    var files = PostedMedia.ofCase(jdbc, attachmentDir, reference);
    assertThat(files)
        .extracting(PostedMedia.Stored::filename, PostedMedia.Stored::contentType)
        .containsExactly(tuple("GdSt702G9.jpg", "image/jpeg"));
    assertThat(files.get(0).bytes()).isEqualTo(PostedMedia.JPEG);
    cdn.verify(1, getRequestedFor(urlEqualTo("/media/GdSt702G9.jpg")));
    // Made a case once: a second click gives the same case and fetches nothing again.
    assertThat(mentions.openCase(watched.id(), admin())).isEqualTo(reference);
    cdn.verify(1, getRequestedFor(urlEqualTo("/media/GdSt702G9.jpg")));
  }

  @Test
  void aPostWithoutAnAuthorIsRefusedACaseBeforeItsPhotoIsFetched() {
    String photo = "/media/N0Auth0r.jpg";
    cdn.stubFor(
        get(urlEqualTo(photo)).willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    String externalId = "na-" + UUID.randomUUID();
    // The watching rule keeps it as a mention; the network said nothing of its author.
    ingest.receive(
        xAccount,
        io.parley.support.ListenedPosts.post(
            externalId,
            null,
            "globex or X12, who knows",
            io.parley.channels.InboundMessage.Source.LISTENED,
            List.of(
                new io.parley.channels.InboundMedia(
                    "photo", cdn.baseUrl() + photo, cdn.baseUrl() + photo, null))));
    MentionView anonymous = mention(xAccount, externalId);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> mentions.openCase(anonymous.id(), admin()))
        .hasMessage("listening.mention.noAuthor");

    cdn.verify(0, getRequestedFor(urlEqualTo(photo)));
    assertThat(mention(xAccount, externalId).caseReference()).isNull();
  }

  private MentionView mention(ChannelAccountId account, String externalId) {
    long id =
        jdbc.queryForObject(
            "select id from listening_mention where external_id = ? and channel_account_id = ?",
            Long.class,
            externalId,
            account.value());
    return mentions.find(id, admin()).orElseThrow();
  }

  private CurrentUser admin() {
    return new CurrentUser(new UserId(1), "admin", "Admin", Role.ADMIN, Set.of(brand.id()));
  }

  private long count(String table, ChannelAccountId account) {
    return jdbc.queryForObject(
        "select count(*) from " + table + " where channel_account_id = ?",
        Long.class,
        account.value());
  }

  private long cases(ChannelAccountId account) {
    return count("conversations_case", account);
  }

  private long inbound(ChannelAccountId account, String externalId) {
    return jdbc.queryForObject(
        "select count(*) from channels_inbound where account_id = ? and external_id = ?",
        Long.class,
        account.value(),
        externalId);
  }

  private String cursor(ChannelAccountId account) {
    return jdbc.queryForObject(
        "select poll_cursor from channels_account where id = ?", String.class, account.value());
  }

  /** A Mastodon payload whose files are on the stub; the gone image on a closed port. */
  private String onFileHost(String name) {
    return Stubs.fixture("connectors/mastodon/" + name)
        .replace(
            "https://files.mastodon.example/media_attachments/files/109/349/012/original/gone.jpg",
            goneOnMastodon)
        .replace("https://files.mastodon.example", mastodon.baseUrl());
  }

  /** A local port nothing listens on: a photo there is unreachable. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
