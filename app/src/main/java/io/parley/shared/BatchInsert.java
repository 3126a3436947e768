package io.parley.shared;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Inserts many rows with one JDBC batch and returns the ids the database generated for them, in
 * order (PostgreSQL and H2 both return a batch's keys).
 */
public final class BatchInsert {

  private BatchInsert() {}

  /** Sets the parameters of one row. */
  @FunctionalInterface
  public interface Binder<T> {
    void bind(PreparedStatement ps, T row) throws SQLException;
  }

  /** Runs {@code sql} (an insert into a table with a generated {@code id}) once per row. */
  public static <T> List<Long> returningIds(
      JdbcTemplate jdbc, String sql, List<T> rows, Binder<T> binder) {
    if (rows.isEmpty()) {
      return List.of();
    }
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.batchUpdate(
        connection -> connection.prepareStatement(sql, new String[] {"id"}),
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            binder.bind(ps, rows.get(i));
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        },
        keys);
    List<Map<String, Object>> returned = keys.getKeyList();
    if (returned.size() != rows.size()) {
      throw new IllegalStateException(
          "The database returned " + returned.size() + " ids for " + rows.size() + " rows");
    }
    List<Long> ids = new ArrayList<>(rows.size());
    for (Map<String, Object> key : returned) {
      ids.add(((Number) key.values().iterator().next()).longValue());
    }
    return ids;
  }
}
