package db.migration;

import io.parley.customers.internal.CandidateScoring;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * customers: the keys a new contact's possible namesakes are looked up by, stored and indexed. The
 * lookups were {@code lower(replace(display_name, ' ', ''))} and {@code lower(handle) like '%…%'},
 * which no index answers: every new contact scanned all customers and all social identities. The
 * keys are computed by the same Java code that keeps them up to date, so existing rows are filled
 * here row by row rather than by SQL that would have to copy its rules.
 */
public class V4_90__customers_candidate_keys extends BaseJavaMigration {

  private static final int BATCH = 500;

  /**
   * Sets a row's keys from its text; returns the index of the id parameter, or 0 to leave the row
   * as it is.
   */
  interface Keys {
    int set(String text, PreparedStatement write) throws SQLException;
  }

  /**
   * Runs {@code update} for every row {@code select} gives (id, text), with the keys {@code keys}
   * sets, in batches; read in slices (PostgreSQL keeps a whole result in memory without a fetch
   * size). Later key migrations fill their keys with it too.
   */
  static void fill(Connection connection, String select, String update, Keys keys)
      throws SQLException {
    try (Statement read = connection.createStatement();
        PreparedStatement write = connection.prepareStatement(update)) {
      read.setFetchSize(BATCH);
      try (ResultSet rows = read.executeQuery(select)) {
        int pending = 0;
        while (rows.next()) {
          int id = keys.set(rows.getString(2), write);
          if (id == 0) {
            continue;
          }
          write.setLong(id, rows.getLong(1));
          write.addBatch();
          if (++pending % BATCH == 0) {
            write.executeBatch();
          }
        }
      }
      write.executeBatch();
    }
  }

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    try (Statement sql = connection.createStatement()) {
      sql.execute("alter table customers_customer add column name_key varchar(200)");
      sql.execute("alter table customers_customer add column name_prefix varchar(40)");
      sql.execute("alter table customers_social_identity add column handle_key varchar(255)");
    }
    fill(
        connection,
        "select id, display_name from customers_customer",
        "update customers_customer set name_key = ?, name_prefix = ? where id = ?",
        (name, write) -> {
          String key = CandidateScoring.nameKey(name);
          write.setString(1, key);
          write.setString(2, CandidateScoring.namePrefix(key));
          return 3;
        });
    fill(
        connection,
        "select id, handle from customers_social_identity where handle is not null",
        "update customers_social_identity set handle_key = ? where id = ?",
        (handle, write) -> {
          write.setString(1, CandidateScoring.handleKey(handle));
          return 2;
        });
    try (Statement sql = connection.createStatement()) {
      sql.execute("create index customers_customer_name_key on customers_customer(name_key)");
      sql.execute("create index customers_customer_name_prefix on customers_customer(name_prefix)");
      sql.execute(
          "create index customers_social_identity_handle_key"
              + " on customers_social_identity(handle_key)");
    }
  }
}
