package io.parley.channels.internal;

import io.parley.channels.PostsBeingOpened;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts the completion rows of captured posts ({@link CapturedPosts}) that are still due, up to
 * {@link #COUNT_LIMIT} of them (and one more, to know there are more), and reads the first in line
 * by the completer's own order (the primary key's). Posts given up on are released to agents and
 * are not counted. On PostgreSQL the count scans the table until it has met that many due rows: it
 * also passes the rows of posts given up on and, until vacuum has run, those the completer deleted,
 * so during a burst a refresh may read tens of thousands of rows (no index on due rows: every
 * capture would pay for it).
 */
@Component
class PostsBeingOpenedQuery implements PostsBeingOpened {

  private final JdbcTemplate jdbc;

  PostsBeingOpenedQuery(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Snapshot now() {
    Long count =
        jdbc.queryForObject(
            "select count(*) from (select inbound_id from channels_captured where attempts < ?"
                + " fetch first ? rows only) due",
            Long.class,
            CapturedPosts.MAX_ATTEMPTS,
            COUNT_LIMIT + 1);
    if (count == null || count == 0) {
      return Snapshot.NONE;
    }
    Timestamp oldest =
        jdbc.query(
            "select captured_at from channels_captured where attempts < ? order by inbound_id"
                + " fetch first 1 rows only",
            rs -> rs.next() ? rs.getTimestamp(1) : null,
            CapturedPosts.MAX_ATTEMPTS);
    return new Snapshot(
        Math.min(count, COUNT_LIMIT),
        count > COUNT_LIMIT,
        oldest == null ? null : oldest.toInstant());
  }
}
