package io.parley.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundMessage;
import io.parley.channels.OutboundMessage;
import io.parley.channels.PollResult;
import io.parley.identity.BrandId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The replay connector on archives written here, with a clock the test moves. */
class ReplayConnectorTests {

  @TempDir Path dir;
  final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));

  @Test
  void deliversEveryPostExactlyOnceAtTheChosenRate() throws IOException {
    Path archive = archive("posts.jsonl.gz", 50, true);
    ReplayConnector replay = connector(archive, "120", "once"); // two a second
    List<String> delivered = new ArrayList<>();
    String cursor = null;
    List<Integer> perPoll = new ArrayList<>();
    for (int second = 0; second < 40; second++) {
      PollResult result = replay.poll(cursor);
      perPoll.add(result.messages().size());
      result.messages().forEach(m -> delivered.add(m.externalId()));
      cursor = result.nextCursor();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(delivered).hasSize(50).doesNotHaveDuplicates();
    assertThat(delivered).containsExactlyElementsOf(ids(50));
    // One at once, then two per second until the archive ends after 25 seconds.
    assertThat(perPoll.subList(0, 3)).containsExactly(1, 2, 2);
    assertThat(perPoll.subList(26, 40)).containsOnly(0);
    assertThat(cursor).endsWith(":done");
  }

  @Test
  void resumesFromItsCursorAfterARestartWithoutRepeatingOrSkipping() throws IOException {
    Path archive = archive("posts.jsonl", 30, false);
    List<String> delivered = new ArrayList<>();
    ReplayConnector first = connector(archive, "600", "once"); // ten a second
    String cursor = null;
    for (int i = 0; i < 2; i++) {
      PollResult result = first.poll(cursor);
      result.messages().forEach(m -> delivered.add(m.externalId()));
      cursor = result.nextCursor();
      clock.advance(Duration.ofSeconds(1));
    }
    first.close();
    assertThat(delivered).hasSize(11);
    // A new node (or a restart) opens the archive again and skips to the cursor's line.
    ReplayConnector second = connector(archive, "600", "once");
    for (int i = 0; i < 5; i++) {
      PollResult result = second.poll(cursor);
      result.messages().forEach(m -> delivered.add(m.externalId()));
      cursor = result.nextCursor();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(delivered).containsExactlyElementsOf(ids(30));
  }

  @Test
  void aLoopGivesEveryPassItsOwnIdsAndKeepsThreadsWithinThePass() throws IOException {
    Path archive = archive("posts.jsonl", 3, false);
    ReplayConnector replay = connector(archive, "60000", "loop"); // one a millisecond
    PollResult first = replay.poll(null);
    clock.advance(Duration.ofMillis(6));
    List<InboundMessage> messages = new ArrayList<>(first.messages());
    messages.addAll(replay.poll(first.nextCursor()).messages());
    assertThat(messages)
        .extracting(InboundMessage::externalId)
        .startsWith("post-0", "post-1", "post-2", "post-0~1", "post-1~1", "post-2~1");
    InboundMessage reply = messages.get(4);
    assertThat(reply.parentIds()).containsExactly("post-0~1");
    assertThat(reply.threadId()).isEqualTo("post-0~1");
  }

  @Test
  void readsTheDocumentedShape() throws IOException {
    Path archive = dir.resolve("one.jsonl");
    Files.writeString(
        archive,
        """
        {"id":"wb-1","network":"weibo","threadId":"wb-0","parentId":"wb-0",\
        "author":{"network":"weibo","id":"5000000000","handle":"wangjun","name":"王军",\
        "followers":1204,"bio":"生活在北京。"},"text":"@Acme手机 蓝牙无法连接","language":"zh",\
        "public":true,"source":"LISTENED","offset":12.5,"sentAt":"2026-03-01T08:00:00Z"}
        not json at all
        {"id":"x-2","author":{"id":"42"},"text":"screen flickering","public":false}
        """,
        StandardCharsets.UTF_8);
    Map<String, String> original = new HashMap<>(settings(archive, "60000", "once"));
    original.put("replayTimestamps", "original");
    ReplayConnector replay = connector(original);
    List<InboundMessage> messages = new ArrayList<>(replay.poll(null).messages());
    clock.advance(Duration.ofSeconds(1));
    messages.addAll(replay.poll("0:1:" + (clock.millis() - 1000)).messages());
    assertThat(messages).hasSize(2);
    InboundMessage post = messages.get(0);
    assertThat(post.externalId()).isEqualTo("wb-1");
    assertThat(post.parentIds()).containsExactly("wb-0");
    assertThat(post.author().network()).isEqualTo("weibo");
    assertThat(post.author().displayName()).isEqualTo("王军");
    assertThat(post.author().followers()).isEqualTo(1204);
    assertThat(post.author().bio()).isEqualTo("生活在北京。");
    assertThat(post.author().profileUrl()).isEqualTo("https://weibo.com/u/5000000000");
    assertThat(post.language()).isEqualTo("zh");
    assertThat(post.listened()).isTrue();
    assertThat(post.sentAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
    assertThat(messages.get(1).publicPost()).isFalse();
    assertThat(messages.get(1).source()).isEqualTo(InboundMessage.Source.DIRECT);
  }

  @Test
  void aMissingArchiveIsAConnectorFailureAndRepliesAreRecordedOnlyWhenAllowed() {
    ReplayConnector missing = connector(dir.resolve("nowhere.jsonl.gz"), "60", "once");
    assertThat(catchThrowable(() -> missing.poll(null)))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("not found");
    OutboundMessage reply =
        new OutboundMessage(
            "k-1",
            "5000000000",
            "王军",
            null,
            "您好 ^LN",
            null,
            "wb-1",
            List.of(),
            "ACME-1",
            true,
            List.of());
    assertThat(missing.send(reply).status()).isEqualTo(DeliveryResult.Status.FAILED);
    Map<String, String> accepting = new HashMap<>(settings(dir.resolve("x"), "60", "once"));
    accepting.put("replayAcceptReplies", "true");
    DeliveryResult sent = connector(accepting).send(reply);
    assertThat(sent.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(sent.externalId()).isEqualTo("replay-reply-k-1");
  }

  @Test
  void theBundledDemoArchiveStreamsFromTheClasspath() {
    ReplayConnector demo = connector(settings(null, "6000", "once")); // default archive: the demo's
    PollResult first = demo.poll(null);
    clock.advance(Duration.ofSeconds(1));
    PollResult result = demo.poll(first.nextCursor());
    assertThat(result.messages()).hasSize(100);
    assertThat(result.messages()).allSatisfy(m -> assertThat(m.text()).isNotBlank());
  }

  private List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("post-" + i);
    }
    return ids;
  }

  /** {@code n} posts; every third answers the post before it. */
  private Path archive(String name, int n, boolean gzip) throws IOException {
    Path file = dir.resolve(name);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String parent =
          i % 3 == 1
              ? ",\"threadId\":\"post-" + (i - 1) + "\",\"parentId\":\"post-" + (i - 1) + "\""
              : "";
      lines.append(
          "{\"id\":\"post-"
              + i
              + "\",\"network\":\"x\""
              + parent
              + ",\"author\":{\"network\":\"x\",\"id\":\""
              + (1000 + i % 7)
              + "\",\"handle\":\"user"
              + (i % 7)
              + "\"},\"text\":\"post number "
              + i
              + "\"}\n");
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(bytes);
    }
    return file;
  }

  private ReplayConnector connector(Path archive, String perMinute, String mode) {
    return connector(settings(archive, perMinute, mode));
  }

  private ReplayConnector connector(Map<String, String> settings) {
    return new ReplayConnector(
        new ConnectorAccount(
            new ChannelAccountId(7), new BrandId(1), "replay", "Replay", "replay:test", settings),
        JsonMapper.builder().build(),
        clock);
  }

  private static Map<String, String> settings(Path archive, String perMinute, String mode) {
    Map<String, String> settings = new HashMap<>();
    if (archive != null) {
      settings.put("replayArchive", archive.toString());
    }
    settings.put("replayPostsPerMinute", perMinute);
    settings.put("replayMode", mode);
    settings.put("replayStartOffset", "0");
    settings.put("replayTimestamps", "now");
    settings.put("pollSeconds", "1");
    return settings;
  }

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
