package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * conversations: an index that answers the capped counts of the case lists ("1,000+") from the
 * index alone. Those counts filter active cases by assignee (mine: the agent; unassigned: none),
 * brand and queue; the list indexes of V2_5 hold neither brand nor queue, so each count read up to
 * a thousand table rows. On PostgreSQL it covers only active cases (a partial index); H2 has no
 * partial indexes, so there it covers every case.
 */
public class V3_10__conversations_case_count_index extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    boolean postgres = ActiveCases.partialIndexes(context);
    try (Statement sql = context.getConnection().createStatement()) {
      sql.execute(
          "create index conversations_case_active_count on conversations_case"
              + " (assignee_id, brand_id, queue_id)"
              + (postgres ? " where " + ActiveCases.ACTIVE : ""));
    }
  }
}
