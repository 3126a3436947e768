package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * conversations: fewer index entries per new case, and routing's reads of a queue's head and of
 * unqueued cases made probes. A case opened from a listened post is written into every index of its
 * table (13) and its message into every index of its (5), then rewritten into them when it is
 * completed; at a burst of thousands a second those entries are most of what PostgreSQL spends on
 * it.
 *
 * <ul>
 *   <li>Two indexes no query needs go: {@code (assignee_id, status)} (every query by assignee also
 *       asks for active cases, which {@code conversations_case_assignee_recent} and {@code
 *       conversations_case_active_count} serve) and {@code (queue_id, queued_at)} (queries order by
 *       {@code coalesce(queued_at, created_at)}, which it cannot serve; {@code (queue_id, status)}
 *       serves their filter, on PostgreSQL the waiting index below).
 *   <li>On PostgreSQL, indexes looked up only by a value leave out the rows without one: a case's
 *       customer (none until a captured case is completed), the list of an agent's own cases (none
 *       while unassigned) and a message's thread (most have none). A query for {@code col = :x}
 *       still uses them.
 *   <li>On PostgreSQL, the case lists by status leave out new cases: a list of new cases reads
 *       {@code conversations_case_active_recent} (new cases are most of the active ones), every
 *       other status this index. A status added to {@code CaseStatus} must be added here. The list
 *       of solved and closed cases gets its own index in its order (it was a scan and a sort of
 *       every done case for a viewer of all brands: 0.4 s at a million).
 *   <li>On PostgreSQL, a queue's waiting cases in the order routing takes them (by priority, then
 *       longest waiting), instead of {@code (queue_id, status)}: routing and the supervisors' board
 *       asked for the head of a queue by sorting its whole backlog (0.6 s at 60,000 waiting cases).
 *       A case still being opened (captured) is not waiting yet and enters it when completed.
 *   <li>On PostgreSQL, the active unassigned cases in no queue by brand and age: routing asks for
 *       them every few seconds and, with no index, read the whole table (135 ms at a million cases)
 *       to find none. Cases still being opened are left out, as the query leaves them out: a burst
 *       of them in no queue made it read each of them (264 ms at 300,000). H2 keeps a full scan:
 *       its tables are small.
 * </ul>
 *
 * <p>The indexes are built in the migration's transaction, which holds the case and message tables
 * meanwhile: about 4 s at 1.2 million cases and 2.4 million messages on 2 cores. Building them
 * concurrently would need Flyway's transactional lock switched off (a concurrent build waits for
 * that lock's transaction forever).
 */
public class V4_98__conversations_fewer_case_index_entries extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    boolean postgres = ActiveCases.partialIndexes(context);
    try (Statement sql = context.getConnection().createStatement()) {
      sql.execute("drop index conversations_case_assignee");
      sql.execute("drop index conversations_case_queued");
      if (!postgres) {
        return;
      }
      sql.execute("drop index conversations_case_customer");
      sql.execute(
          "create index conversations_case_customer on conversations_case (customer_id)"
              + " where customer_id is not null");
      sql.execute("drop index conversations_case_assignee_recent");
      sql.execute(
          "create index conversations_case_assignee_recent on conversations_case"
              + " (assignee_id, updated_at desc, id desc) where assignee_id is not null and "
              + ActiveCases.ACTIVE);
      sql.execute("drop index conversations_case_status");
      sql.execute(
          "create index conversations_case_status on conversations_case (status, updated_at)"
              + " where status in ('OPEN', 'PENDING_CUSTOMER', 'PENDING_INTERNAL', 'SOLVED',"
              + " 'CLOSED')");
      sql.execute(
          "create index conversations_case_done_recent on conversations_case"
              + " (updated_at desc, id desc) where status in ('SOLVED', 'CLOSED')");
      sql.execute("drop index conversations_message_thread");
      sql.execute(
          "create index conversations_message_thread on conversations_message (thread_id)"
              + " where thread_id is not null");
      sql.execute("drop index conversations_case_queue");
      sql.execute(
          "create index conversations_case_waiting on conversations_case"
              + " (queue_id, priority, coalesce(queued_at, created_at), id)"
              + " where assignee_id is null and not captured and "
              + ActiveCases.ACTIVE);
      sql.execute(
          "create index conversations_case_unqueued on conversations_case (brand_id, created_at)"
              + " where queue_id is null and assignee_id is null and not captured and "
              + ActiveCases.ACTIVE);
    }
  }
}
