package db.migration;

import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.api.migration.Context;

/**
 * What the conversations index migrations share: on PostgreSQL an index can cover only active cases
 * (a partial index); H2 has none, so there the same index covers every case.
 */
final class ActiveCases {

  static final String ACTIVE = "status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'PENDING_INTERNAL')";

  private ActiveCases() {}

  static boolean partialIndexes(Context context) throws SQLException {
    return context
        .getConnection()
        .getMetaData()
        .getDatabaseProductName()
        .toLowerCase(Locale.ROOT)
        .contains("postgres");
  }
}
