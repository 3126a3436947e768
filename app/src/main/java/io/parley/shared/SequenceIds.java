package io.parley.shared;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ids for rows inserted with plain JDBC into a table whose entity Hibernate numbers from a sequence
 * with its pooled optimizer ({@code allocationSize} = the sequence's increment). Each value {@code
 * v} the sequence gives stands for the block {@code v - increment + 1 … v}, exactly as Hibernate
 * reads it, so the ids taken here never meet the ids Hibernate hands out. A value below the
 * increment (a fresh sequence's first) is skipped: Hibernate reads that one differently.
 */
public final class SequenceIds {

  private SequenceIds() {}

  /** {@code count} unused ids of {@code sequence} (increment {@code increment}), ascending. */
  public static long[] take(JdbcTemplate jdbc, String sequence, int increment, int count) {
    if (!sequence.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("Not a sequence name: " + sequence);
    }
    long[] ids = new long[count];
    int n = 0;
    while (n < count) {
      // A skipped value (a fresh sequence's first) is made up for by the next round.
      int blocks = (count - n + increment - 1) / increment;
      List<Long> values =
          jdbc.queryForList(
              "select nextval('" + sequence + "') from generate_series(1, ?)", Long.class, blocks);
      for (Long value : values.stream().sorted().toList()) {
        if (value < increment) {
          continue;
        }
        for (long id = value - increment + 1; id <= value && n < count; id++) {
          ids[n++] = id;
        }
      }
    }
    return ids;
  }
}
