package io.parley.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccountSummary;
import io.parley.channels.ChannelAccounts;
import io.parley.identity.Brands;
import io.parley.support.ParleyTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A replay account on the running application streams an archive through the real poller and
 * inbound pipeline: every post once, threads on their cases, the cursor at the end. The demo's own
 * replay accounts exist but stay off in tests (the suite runs on PostgreSQL), so case counts of
 * other tests never move.
 */
@ParleyTest
class ReplayChannelTests {

  static final int POSTS = 40;

  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anArchiveIsReplayedIntoCasesEveryPostExactlyOnce() throws IOException {
    Path archive = Files.createTempFile(Path.of("target"), "replay-", ".jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < POSTS; i++) {
      boolean reply = i % 4 == 1;
      lines.append(
          "{\"id\":\"rp-test-%d\",\"network\":\"weibo\",%s\"author\":{\"network\":\"weibo\",\"id\":\"7100%03d\",\"handle\":\"replay%d\",\"name\":\"王军\",\"followers\":%d},\"text\":\"Acme X12 蓝牙无法连接 #%d\",\"language\":\"zh\",\"public\":true,\"source\":\"DIRECT\",\"offset\":%d}\n"
              .formatted(
                  i,
                  reply
                      ? "\"threadId\":\"rp-test-%d\",\"parentId\":\"rp-test-%d\","
                          .formatted(i - 1, i - 1)
                      : "",
                  i % 9,
                  i % 9,
                  100 + i,
                  i,
                  i));
    }
    Files.writeString(archive, lines, StandardCharsets.UTF_8);
    var home =
        brands.all().stream().filter(b -> b.casePrefix().equals("HOME")).findFirst().orElseThrow();
    ChannelAccountId account =
        accounts
            .connect(
                home.id(),
                "replay",
                "Replay test",
                "replay:test-" + System.nanoTime(),
                Map.of(
                    "replayArchive", archive.toAbsolutePath().toString(),
                    "replayPostsPerMinute", "1200",
                    "replayMode", "once",
                    "replayStartOffset", "0",
                    "replayTimestamps", "now",
                    "replayAcceptReplies", "true",
                    "pollSeconds", "1"))
            .id();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> String.valueOf(cursor(account)).endsWith(":done"));
      List<String> stored =
          jdbc.queryForList(
              "select external_id from channels_inbound where account_id = ? order by id",
              String.class,
              account.value());
      assertThat(stored).hasSize(POSTS).doesNotHaveDuplicates();
      assertThat(stored.get(0)).isEqualTo("rp-test-0");
      assertThat(cursor(account)).startsWith("0:" + POSTS + ":");
      // Each reply joined the case of the post it answers: 30 roots, 30 cases.
      assertThat(
              jdbc.queryForObject(
                  "select count(distinct m.case_id) from conversations_message m"
                      + " where m.external_id like 'rp-test-%'",
                  Long.class))
          .isEqualTo(POSTS - POSTS / 4);
      assertThat(accounts.health(account).state()).isEqualTo("ok");
    } finally {
      accounts.activate(account, false);
    }
  }

  @Test
  void theDemoHasAReplayAccountPerBrandSwitchedOffOnPostgresql() {
    List<ChannelAccountSummary> demo =
        accounts.all().stream().filter(a -> a.address().startsWith("replay:demo-")).toList();
    assertThat(demo)
        .extracting(ChannelAccountSummary::address)
        .containsExactlyInAnyOrder("replay:demo-acme-mobile", "replay:demo-acme-home");
    assertThat(demo).noneMatch(ChannelAccountSummary::active);
    Map<String, String> settings = accounts.visibleSettings(demo.get(0).id());
    assertThat(settings.get("replayArchive")).startsWith("classpath:replay/demo-social");
    assertThat(settings.get("replayPostsPerMinute")).isEqualTo("12");
    assertThat(settings.get("replayMode")).isEqualTo("loop");
  }

  private String cursor(ChannelAccountId account) {
    return jdbc.queryForObject(
        "select poll_cursor from channels_account where id = ?", String.class, account.value());
  }
}
