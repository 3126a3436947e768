package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * conversations: indexes that serve the case lists (newest activity first) without sorting. On
 * PostgreSQL they cover only active cases (partial indexes); H2 has no partial indexes, so there
 * they cover every case.
 */
public class V2_5__conversations_list_indexes extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    boolean postgres = ActiveCases.partialIndexes(context);
    String active = postgres ? " where " + ActiveCases.ACTIVE : "";
    String unassigned = postgres ? " where assignee_id is null and " + ActiveCases.ACTIVE : "";
    try (Statement sql = context.getConnection().createStatement()) {
      sql.execute(
          "create index conversations_case_active_recent on conversations_case"
              + " (updated_at desc, id desc)"
              + active);
      sql.execute(
          "create index conversations_case_assignee_recent on conversations_case"
              + " (assignee_id, updated_at desc, id desc)"
              + active);
      sql.execute(
          "create index conversations_case_unassigned_recent on conversations_case"
              + " (updated_at desc, id desc)"
              + unassigned);
      sql.execute(
          "create index conversations_case_brand_recent on conversations_case"
              + " (brand_id, updated_at desc, id desc)");
    }
  }
}
