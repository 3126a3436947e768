package io.parley.connectors.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parley.support.PostedMedia.JPEG;
import static io.parley.support.PostedMedia.PNG;
import static io.parley.support.PostedMedia.served;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.InboundAttachment;
import io.parley.identity.BrandId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.unit.DataSize;

/**
 * Fetching the files of customers' posts against a media host (WireMock): what is fetched, and
 * every way a file is refused while its post goes on with a note naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaDownloadsTests {

  static final ConnectorAccount ACCOUNT =
      new ConnectorAccount(
          new ChannelAccountId(1), new BrandId(1), "mastodon", "test", "@acme", Map.of());

  WireMockServer host;
  WireMockServer elsewhere;

  @BeforeAll
  void start() {
    host = new WireMockServer(options().dynamicPort());
    elsewhere = new WireMockServer(options().dynamicPort());
    host.start();
    elsewhere.start();
  }

  @BeforeEach
  void reset() {
    host.resetAll();
    elsewhere.resetAll();
  }

  @AfterAll
  void stop() {
    host.stop();
    elsewhere.stop();
  }

  @Test
  void fetchesEachFileOfAPostWithItsBytesAndDeclaredType() {
    host.stubFor(get(urlEqualTo("/media/crack.png")).willReturn(served(PNG, "image/png")));
    host.stubFor(
        get(urlEqualTo("/media/receipt.jpg"))
            .willReturn(served(JPEG, "image/jpeg; charset=binary")));

    var fetched =
        downloads(limits())
            .batch(ACCOUNT)
            .fetch("101", List.of(file("/media/crack.png"), file("/media/receipt.jpg")));

    assertThat(fetched.notes()).isEmpty();
    assertThat(fetched.attachments())
        .extracting(InboundAttachment::fileName, InboundAttachment::contentType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("crack.png", "image/png"),
            org.assertj.core.groups.Tuple.tuple("receipt.jpg", "image/jpeg"));
    assertThat(fetched.attachments().get(0).content()).isEqualTo(PNG);
    assertThat(fetched.attachments().get(1).content()).isEqualTo(JPEG);
    assertThat(fetched.applyTo(post("My screen flickers", null)).text())
        .isEqualTo("My screen flickers");
  }

  @Test
  void aMissingFileIsNamedWithItsReasonAndTheOthersAreStillFetched() {
    host.stubFor(get(urlEqualTo("/media/gone.png")).willReturn(aResponse().withStatus(404)));
    host.stubFor(get(urlEqualTo("/media/crack.png")).willReturn(served(PNG, "image/png")));

    var fetched =
        downloads(limits())
            .batch(ACCOUNT)
            .fetch("102", List.of(file("/media/gone.png"), file("/media/crack.png")));

    assertThat(fetched.attachments())
        .extracting(InboundAttachment::fileName)
        .containsExactly("crack.png");
    assertThat(fetched.notes())
        .containsExactly(
            "[gone.png (not downloaded: HTTP 404): " + host.baseUrl() + "/media/gone.png]");
    var post = fetched.applyTo(post("Broken on arrival", "<p>Broken &amp; bent</p>"));
    assertThat(post.text())
        .isEqualTo(
            "Broken on arrival\n\n[gone.png (not downloaded: HTTP 404): "
                + host.baseUrl()
                + "/media/gone.png]");
    assertThat(post.html())
        .isEqualTo(
            "<p>Broken &amp; bent</p><p>[gone.png (not downloaded: HTTP 404): "
                + host.baseUrl()
                + "/media/gone.png]</p>");
  }

  @Test
  void aFileDeclaredLargerThanTheLimitIsRefusedAndOneWithoutALengthIsCutOff() {
    host.stubFor(
        get(urlEqualTo("/media/declared.png")).willReturn(served(new byte[1025], "image/png")));
    host.stubFor(
        get(urlEqualTo("/media/chunked.png"))
            .willReturn(served(new byte[4096], "image/png").withChunkedDribbleDelay(4, 20)));
    host.stubFor(get(urlEqualTo("/media/small.png")).willReturn(served(PNG, "image/png")));

    var fetched =
        downloads(limits().maxSize(DataSize.ofKilobytes(1)))
            .batch(ACCOUNT)
            .fetch(
                "103",
                List.of(
                    file("/media/declared.png"),
                    file("/media/chunked.png"),
                    file("/media/small.png")));

    assertThat(fetched.attachments())
        .extracting(InboundAttachment::fileName)
        .containsExactly("small.png");
    assertThat(fetched.notes())
        .containsExactly(
            "[declared.png (not downloaded: larger than 1 KB): "
                + host.baseUrl()
                + "/media/declared.png]",
            "[chunked.png (not downloaded: larger than 1 KB): "
                + host.baseUrl()
                + "/media/chunked.png]");
  }

  @Test
  void redirectsAreFollowedOnlyToHttpAndTheAccessTokenStaysWithItsHost() {
    host.stubFor(
        get(urlEqualTo("/dm/photo.jpg"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", elsewhere.baseUrl() + "/cdn/photo.jpg")));
    elsewhere.stubFor(get(urlEqualTo("/cdn/photo.jpg")).willReturn(served(JPEG, "image/jpeg")));
    host.stubFor(
        get(urlEqualTo("/media/sneaky.png"))
            .willReturn(aResponse().withStatus(301).withHeader("Location", "file:///etc/passwd")));

    var fetched =
        downloads(limits())
            .batch(ACCOUNT)
            .fetch(
                "104",
                List.of(
                    new PostMedia.File(
                        host.baseUrl() + "/dm/photo.jpg",
                        "photo.jpg",
                        null,
                        Map.of("Authorization", "Bearer user-token")),
                    file("/media/sneaky.png"),
                    new PostMedia.File("ftp://files.example/a.png", "a.png", null)));

    assertThat(fetched.attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.content()).isEqualTo(JPEG));
    host.verify(
        getRequestedFor(urlEqualTo("/dm/photo.jpg"))
            .withHeader("Authorization", equalTo("Bearer user-token")));
    elsewhere.verify(
        getRequestedFor(urlEqualTo("/cdn/photo.jpg")).withHeader("Authorization", absent()));
    assertThat(fetched.notes())
        .containsExactly(
            "[sneaky.png (not downloaded: redirected to a non-http(s) address): "
                + host.baseUrl()
                + "/media/sneaky.png]",
            "[a.png (not downloaded: not an http(s) address)]");
  }

  @Test
  void noFileComesFromTheMachinesOwnOrAPrivateNetwork() {
    host.stubFor(get(urlEqualTo("/media/crack.png")).willReturn(served(PNG, "image/png")));

    var fetched =
        downloads(limits().outsideOnly())
            .batch(ACCOUNT)
            .fetch(
                "109",
                List.of(
                    file("/media/crack.png"),
                    new PostMedia.File(
                        "http://169.254.169.254/latest/meta-data/iam.png", "iam.png", null)));

    assertThat(fetched.attachments()).isEmpty();
    assertThat(fetched.notes())
        .hasSize(2)
        .allSatisfy(n -> assertThat(n).contains("not downloaded: a private or local network"));
    host.verify(0, getRequestedFor(urlEqualTo("/media/crack.png")));
    assertThat(MediaDownloads.insideAddress(java.net.URI.create("http://192.168.1.20/a.png")))
        .isNotNull();
    for (String inside :
        List.of(
            "http://[fd00::1]/a.png",
            "http://100.100.100.200/latest/meta-data/",
            "http://198.18.0.1/a.png",
            "http://[64:ff9b::a9fe:a9fe]/a.png",
            "http://[2002:c0a8:0101::1]/a.png",
            "http://0.0.0.0/a.png")) {
      assertThat(MediaDownloads.insideAddress(java.net.URI.create(inside))).as(inside).isNotNull();
    }
    assertThat(MediaDownloads.insideAddress(java.net.URI.create("http://93.184.215.14/a.png")))
        .isNull();
  }

  @Test
  void theNetworksOwnConfiguredAddressMayBePrivateButNoOtherHost() {
    // A self-hosted Telegram Bot API or the company's Mastodon on the company's network.
    host.stubFor(get(urlEqualTo("/media/crack.png")).willReturn(served(PNG, "image/png")));
    elsewhere.stubFor(get(urlEqualTo("/media/other.png")).willReturn(served(PNG, "image/png")));

    var fetched =
        downloads(limits().outsideOnly())
            .batch(ACCOUNT, host.baseUrl())
            .fetch(
                "110",
                List.of(
                    file("/media/crack.png"),
                    new PostMedia.File(
                        elsewhere.baseUrl() + "/media/other.png", "other.png", null)));

    assertThat(fetched.attachments())
        .extracting(InboundAttachment::fileName)
        .containsExactly("crack.png");
    assertThat(fetched.notes())
        .singleElement()
        .satisfies(n -> assertThat(n).contains("other.png (not downloaded: a private"));
    elsewhere.verify(0, getRequestedFor(urlEqualTo("/media/other.png")));
  }

  @Test
  void aSlowHostTimesOut() {
    host.stubFor(
        get(urlEqualTo("/media/slow.png"))
            .willReturn(served(PNG, "image/png").withFixedDelay(5_000)));

    var fetched =
        downloads(limits().timeout(Duration.ofMillis(300)))
            .batch(ACCOUNT)
            .fetch("105", List.of(file("/media/slow.png")));

    assertThat(fetched.attachments()).isEmpty();
    assertThat(fetched.notes())
        .containsExactly(
            "[slow.png (not downloaded: timed out): " + host.baseUrl() + "/media/slow.png]");
  }

  @Test
  void anUnreachableHostIsSaidSo() {
    var fetched =
        downloads(limits())
            .batch(ACCOUNT)
            .fetch(
                "109",
                List.of(new PostMedia.File("http://127.0.0.1:1/media/x.png", "x.png", null)));

    assertThat(fetched.attachments()).isEmpty();
    assertThat(fetched.notes()).containsExactly("[x.png (not downloaded: unreachable)]");
  }

  @Test
  void atMostSoManyFilesAPostAndSoManyBytesAPollAreFetched() {
    host.stubFor(get(urlEqualTo("/media/1.png")).willReturn(served(PNG, "image/png")));
    host.stubFor(get(urlEqualTo("/media/2.png")).willReturn(served(PNG, "image/png")));
    host.stubFor(get(urlEqualTo("/media/3.png")).willReturn(served(PNG, "image/png")));

    var poll =
        downloads(limits().maxFilesPerPost(2).maxBytesPerPoll(DataSize.ofBytes(PNG.length * 2L)))
            .batch(ACCOUNT);
    var first =
        poll.fetch(
            "106", List.of(file("/media/1.png"), file("/media/2.png"), file("/media/3.png")));
    var second = poll.fetch("107", List.of(file("/media/3.png")));

    assertThat(first.attachments()).hasSize(2);
    assertThat(first.notes())
        .containsExactly(
            "[3.png (not downloaded: more than 2 files in one post): "
                + host.baseUrl()
                + "/media/3.png]");
    assertThat(second.attachments()).isEmpty();
    assertThat(second.notes())
        .containsExactly(
            "[3.png (not downloaded: too many files at once (this poll's download budget is used"
                + " up)): "
                + host.baseUrl()
                + "/media/3.png]");
  }

  @Test
  void mediaOnlyLinkedOrThatCouldNotBeLocatedAreNamed() {
    var fetched =
        downloads(limits())
            .batch(ACCOUNT)
            .fetch(
                "108",
                List.of(
                    new PostMedia.Link("video", "https://media.example/clip.mp4"),
                    new PostMedia.Link("voice message, not downloaded", null),
                    new PostMedia.Missing("receipt.pdf", null, "Telegram refused getFile (400)")));

    assertThat(fetched.attachments()).isEmpty();
    assertThat(fetched.applyTo(post("", null)).text())
        .isEqualTo(
            "[video: https://media.example/clip.mp4]\n"
                + "[voice message, not downloaded]\n"
                + "[receipt.pdf (not downloaded: Telegram refused getFile (400))]");
  }

  private static io.parley.channels.InboundMessage post(String text, String html) {
    return new io.parley.channels.InboundMessage(
        "p", null, List.of(), null, null, text, html, List.of(), true, null, java.util.Map.of());
  }

  // ------------------------------------------------------------------------------------------

  private PostMedia.File file(String path) {
    String url = host.baseUrl() + path;
    return new PostMedia.File(url, PostMedia.nameOf(url, "file"), url);
  }

  static MediaDownloads downloads(Limits limits) {
    return new MediaDownloads(
        new ConnectorsProperties(
            new ConnectorsProperties.Media(
                limits.maxSize,
                limits.maxFilesPerPost,
                limits.timeout,
                limits.maxBytesPerPoll,
                Duration.ofSeconds(20),
                limits.privateAddresses)));
  }

  static Limits limits() {
    // The stubs are on localhost.
    return new Limits(
        DataSize.ofMegabytes(10), 4, Duration.ofSeconds(5), DataSize.ofMegabytes(64), true);
  }

  record Limits(
      DataSize maxSize,
      int maxFilesPerPost,
      Duration timeout,
      DataSize maxBytesPerPoll,
      boolean privateAddresses) {
    Limits maxSize(DataSize size) {
      return new Limits(size, maxFilesPerPost, timeout, maxBytesPerPoll, privateAddresses);
    }

    /** As deployed: no file from the machine's own or a private network. */
    Limits outsideOnly() {
      return new Limits(maxSize, maxFilesPerPost, timeout, maxBytesPerPoll, false);
    }

    Limits maxFilesPerPost(int files) {
      return new Limits(maxSize, files, timeout, maxBytesPerPoll, privateAddresses);
    }

    Limits timeout(Duration time) {
      return new Limits(maxSize, maxFilesPerPost, time, maxBytesPerPoll, privateAddresses);
    }

    Limits maxBytesPerPoll(DataSize bytes) {
      return new Limits(maxSize, maxFilesPerPost, timeout, bytes, privateAddresses);
    }
  }
}
