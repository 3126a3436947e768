package db.migration;

import io.parley.customers.internal.CandidateScoring;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

  /** Reads in slices (PostgreSQL keeps a whole result in memory without a fetch size). */
  private static Statement reader(java.sql.Connection connection) throws java.sql.SQLException {
    Statement read = connection.createStatement();
    read.setFetchSize(BATCH);
    return read;
  }

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    try (Statement sql = connection.createStatement()) {
      sql.execute("alter table customers_customer add column name_key varchar(200)");
      sql.execute("alter table customers_customer add column name_prefix varchar(40)");
      sql.execute("alter table customers_social_identity add column handle_key varchar(255)");
    }
    try (Statement read = reader(connection);
        ResultSet rows = read.executeQuery("select id, display_name from customers_customer");
        PreparedStatement write =
            connection.prepareStatement(
                "update customers_customer set name_key = ?, name_prefix = ? where id = ?")) {
      int pending = 0;
      while (rows.next()) {
        String key = CandidateScoring.nameKey(rows.getString(2));
        write.setString(1, key);
        write.setString(2, CandidateScoring.namePrefix(key));
        write.setLong(3, rows.getLong(1));
        write.addBatch();
        if (++pending % BATCH == 0) {
          write.executeBatch();
        }
      }
      write.executeBatch();
    }
    try (Statement read = reader(connection);
        ResultSet rows =
            read.executeQuery(
                "select id, handle from customers_social_identity where handle is not null");
        PreparedStatement write =
            connection.prepareStatement(
                "update customers_social_identity set handle_key = ? where id = ?")) {
      int pending = 0;
      while (rows.next()) {
        write.setString(1, CandidateScoring.handleKey(rows.getString(2)));
        write.setLong(2, rows.getLong(1));
        write.addBatch();
        if (++pending % BATCH == 0) {
          write.executeBatch();
        }
      }
      write.executeBatch();
    }
    try (Statement sql = connection.createStatement()) {
      sql.execute("create index customers_customer_name_key on customers_customer(name_key)");
      sql.execute("create index customers_customer_name_prefix on customers_customer(name_prefix)");
      sql.execute(
          "create index customers_social_identity_handle_key"
              + " on customers_social_identity(handle_key)");
    }
  }
}
