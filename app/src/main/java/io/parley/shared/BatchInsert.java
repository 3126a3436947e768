package io.parley.shared;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts many rows and returns the ids the database generated for them, in order. Rows go as
 * multi-row inserts ({@code values (…), (…)}) of 64, 32, … 1 rows: a JDBC batch that asks for
 * generated keys is sent by PostgreSQL's driver one statement per row, and a few fixed sizes keep
 * the number of distinct statements (and prepared plans) small. A statement's ids are taken in
 * ascending order: the database numbers the rows of one statement as it inserts them, in the order
 * of its values (PostgreSQL and H2 both), while the order of the rows it returns is not promised.
 */
public final class BatchInsert {

  /** The most rows in one statement. */
  static final int MOST = 64;

  private BatchInsert() {}

  /** Sets the parameters of one row, numbered from {@code first + 1}. */
  @FunctionalInterface
  public interface Binder<T> {
    void bind(PreparedStatement ps, int first, T row) throws SQLException;
  }

  /**
   * Runs {@code sql}, an insert of one row into a table with a generated {@code id} ({@code insert
   * into t (a, b) values (?, ?)}), for every row.
   */
  public static <T> List<Long> returningIds(
      JdbcTemplate jdbc, String sql, List<T> rows, Binder<T> binder) {
    if (rows.isEmpty()) {
      return List.of();
    }
    int values = sql.toLowerCase(Locale.ROOT).lastIndexOf(" values ");
    if (values < 0) {
      throw new IllegalArgumentException("Not an insert of one row of values: " + sql);
    }
    String head = sql.substring(0, values + " values ".length());
    String row = sql.substring(values + " values ".length()).strip();
    int perRow = (int) row.chars().filter(c -> c == '?').count();
    List<Long> ids = new ArrayList<>(rows.size());
    int from = 0;
    while (from < rows.size()) {
      int size = Math.min(MOST, Integer.highestOneBit(rows.size() - from));
      List<T> chunk = rows.subList(from, from + size);
      String statement = head + String.join(", ", java.util.Collections.nCopies(size, row));
      ids.addAll(
          jdbc.execute(
              (ConnectionCallback<List<Long>>)
                  connection -> {
                    try (PreparedStatement ps =
                        connection.prepareStatement(statement, new String[] {"id"})) {
                      for (int i = 0; i < chunk.size(); i++) {
                        binder.bind(ps, i * perRow, chunk.get(i));
                      }
                      ps.executeUpdate();
                      long[] keys = new long[chunk.size()];
                      int n = 0;
                      try (ResultSet generated = ps.getGeneratedKeys()) {
                        while (generated.next()) {
                          if (n == keys.length) {
                            throw new IllegalStateException(
                                "The database returned more ids than the " + keys.length + " rows");
                          }
                          keys[n++] = generated.getLong(1);
                        }
                      }
                      if (n != keys.length) {
                        throw new IllegalStateException(
                            "The database returned " + n + " ids for " + keys.length + " rows");
                      }
                      Arrays.sort(keys);
                      return Arrays.stream(keys).boxed().toList();
                    }
                  }));
      from += size;
    }
    return ids;
  }
}
