package io.parley.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.InboundAuthor;
import io.parley.channels.Ingest;
import io.parley.channels.IngestResult.Outcome;
import io.parley.identity.Brands;
import io.parley.support.ListenedPosts;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Listened posts no rule matches are not stored but counted per account and day, so an account
 * whose stream brings only those still shows it is alive.
 */
@ParleyTest
class IgnoredPostsTests {

  @LocalServerPort int port;
  @Autowired Brands brands;
  @Autowired ChannelAccounts accounts;
  @Autowired Ingest ingest;
  @Autowired IgnoredPosts ignored;
  @Autowired JdbcTemplate jdbc;

  @Test
  void ignoredPostsAreCountedOnTheAccountsHealthAcrossFlushesForSevenDays() {
    String code = "ig" + UUID.randomUUID().toString().substring(0, 6);
    var brand = brands.register(code, "Ignored " + code, code.toUpperCase());
    ChannelAccountId account =
        accounts.register(brand.id(), "weibo", "Weibo " + code, "@" + code).id();
    // The brand has no listening rules: nothing its stream brings is kept.
    for (int i = 0; i < 3; i++) {
      assertThat(post(account, "nice weather " + i).outcome()).isEqualTo(Outcome.IGNORED);
    }
    assertThat(accounts.health(account).inboundIgnored())
        .as("counted before any flush")
        .isEqualTo(3);
    assertThat(stored(account)).isZero();

    ignored.flush();
    assertThat(stored(account)).isEqualTo(3);
    assertThat(accounts.health(account).inboundIgnored()).as("not counted twice").isEqualTo(3);

    post(account, "more weather");
    post(account, "and more");
    ignored.flush();
    assertThat(stored(account)).as("added to the day's row").isEqualTo(5);
    jdbc.update(
        "insert into channels_ignored_day (account_id, utc_day, posts) values (?, ?, 100)",
        account.value(),
        Date.valueOf(LocalDate.now(ZoneOffset.UTC).minusDays(7)));
    assertThat(accounts.health(account).inboundIgnored())
        .as("a week ago is outside the last seven days")
        .isEqualTo(5);
    assertThat(accounts.health(account).inboundAccepted()).isZero();

    var admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    assertThat(admin.get("/admin/channels/" + account.value()).body())
        .contains("5 listened posts matched no rule in the last 7 days");
  }

  @Test
  void aReaderNeverSeesCountsInNeitherPlaceWhileTheyAreWritten() throws Exception {
    String code = "iw" + UUID.randomUUID().toString().substring(0, 6);
    var brand = brands.register(code, "Ignored " + code, code.toUpperCase());
    ChannelAccountId account =
        accounts.register(brand.id(), "weibo", "Weibo " + code, "@" + code).id();
    var done = new java.util.concurrent.atomic.AtomicBoolean();
    var dips = new java.util.concurrent.atomic.AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              long last = 0;
              while (!done.get()) {
                long now = ignored.lastDays(account.value(), 7);
                if (now < last) {
                  dips.incrementAndGet();
                }
                last = Math.max(last, now);
              }
            });
    reader.start();
    for (int i = 0; i < 100; i++) {
      post(account, "weather " + i);
      ignored.flush();
    }
    done.set(true);
    reader.join(10_000);

    assertThat(dips.get()).as("times the count went down while being written").isZero();
    assertThat(ignored.lastDays(account.value(), 7)).isEqualTo(100);
    assertThat(stored(account)).isEqualTo(100);
  }

  private io.parley.channels.IngestResult post(ChannelAccountId account, String text) {
    String id = UUID.randomUUID().toString();
    return ingest.receive(
        account,
        ListenedPosts.post(
            id, new InboundAuthor("weibo", "a-" + id, "fan", "Fan", null, null), text));
  }

  private long stored(ChannelAccountId account) {
    return jdbc.queryForObject(
        "select coalesce(sum(posts), 0) from channels_ignored_day where account_id = ?",
        Long.class,
        account.value());
  }
}
