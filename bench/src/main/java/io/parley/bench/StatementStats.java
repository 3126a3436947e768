package io.parley.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements PostgreSQL spent its time on during the measured period (pg_stat_statements, reset
 * when the measurement starts), so a slow endpoint can be traced to its queries.
 */
final class StatementStats {

  private final Connection connection;

  StatementStats(Connection connection) throws SQLException {
    this.connection = connection;
    try (Statement s = connection.createStatement()) {
      s.execute("create extension if not exists pg_stat_statements");
    }
  }

  void reset() {
    try (Statement s = connection.createStatement()) {
      s.execute("select pg_stat_statements_reset()");
    } catch (SQLException e) {
      throw new IllegalStateException("pg_stat_statements_reset failed", e);
    }
  }

  /** The top statements by total time since the reset, as printable lines. */
  List<String> top(int limit) {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "select calls, total_exec_time, mean_exec_time, rows, query from pg_stat_statements"
                + " where dbid = (select oid from pg_database where datname = current_database())"
                + " and query not like '%pg_stat_statements%'"
                + " order by total_exec_time desc limit ?")) {
      s.setInt(1, limit);
      lines.add("PostgreSQL time by statement in the measured period (pg_stat_statements):");
      lines.add(
          String.format(
              "%10s %9s %9s %9s  %s", "calls", "total s", "mean ms", "rows/call", "statement"));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long calls = rs.getLong(1);
          lines.add(
              String.format(
                  "%,10d %9.1f %9.2f %9.1f  %s",
                  calls,
                  rs.getDouble(2) / 1000,
                  rs.getDouble(3),
                  calls == 0 ? 0 : (double) rs.getLong(4) / calls,
                  abbreviate(rs.getString(5))));
        }
      }
    } catch (SQLException e) {
      lines.add("(pg_stat_statements unavailable: " + e.getMessage() + ")");
    }
    return lines;
  }

  /** Calls and time of all statements since the reset. */
  String totals() {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0) from"
                    + " pg_stat_statements where dbid = (select oid from pg_database where datname"
                    + " = current_database()) and query not like '%pg_stat_statements%'")) {
      rs.next();
      return String.format(
          "All statements: %,d calls, %.1f s of execution time",
          rs.getLong(1), rs.getDouble(2) / 1000);
    } catch (SQLException e) {
      return "(pg_stat_statements unavailable: " + e.getMessage() + ")";
    }
  }

  /** One line; Hibernate's long select lists shortened to "select … from". */
  static String abbreviate(String query) {
    String text = query.replaceAll("\\s+", " ").trim();
    text = text.replaceFirst("^select (?!count\\()(.{40,}?) from ", "select … from ");
    return text.length() > 220 ? text.substring(0, 220) + "…" : text;
  }
}
