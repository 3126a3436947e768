package io.parley.support;

import static org.awaitility.Awaitility.await;

import io.parley.channels.ChannelAccountId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** Drives and awaits a channel account's polling and what it brings in, for connector tests. */
public final class ChannelPolls {

  private ChannelPolls() {}

  /**
   * Polls the account at the scheduler's next tick instead of at its next due time, and waits until
   * that poll is over (its lease released).
   */
  public static void pollNow(JdbcTemplate jdbc, ChannelAccountId account) {
    Instant before =
        jdbc.queryForObject(
                "select coalesce(last_poll_at, timestamp '2000-01-01 00:00:00')"
                    + " from channels_account where id = ?",
                Timestamp.class,
                account.value())
            .toInstant();
    jdbc.update("update channels_account set next_poll_at = null where id = ?", account.value());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              var row =
                  jdbc.queryForMap(
                      "select last_poll_at, poll_lease_until from channels_account where id = ?",
                      account.value());
              var last = (Timestamp) row.get("last_poll_at");
              return last != null
                  && last.toInstant().isAfter(before)
                  && row.get("poll_lease_until") == null;
            });
  }

  /** The case the message with this network id landed on, once it has. */
  public static Long awaitCaseOf(JdbcTemplate jdbc, String externalId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc
                    .queryForList(
                        "select case_id from conversations_message where external_id = ?",
                        Long.class,
                        externalId)
                    .stream()
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }
}
