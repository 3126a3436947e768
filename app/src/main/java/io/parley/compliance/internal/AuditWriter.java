package io.parley.compliance.internal;

import io.parley.compliance.AuditRecord;
import io.parley.identity.CurrentUser;
import io.parley.shared.AfterCommit;
import io.parley.shared.BatchInsert;
import io.parley.shared.TransactionMemo;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Inserts audit entries: in the caller's transaction, so an entry exists exactly when its change
 * does. Entries get no hash here (that would make every writer queue behind one lock); the {@link
 * AuditChain} links them soon after commit ({@link AuditChain#WAKE_DELAY}), one linker at a time.
 */
@Component
public class AuditWriter {

  private final JdbcTemplate jdbc;
  private final SubjectKeys keys;
  private final AuditChain chain;

  AuditWriter(JdbcTemplate jdbc, SubjectKeys keys, AuditChain chain) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.chain = chain;
  }

  /** Who did it and from where, when the caller knows better than the request. */
  public record Origin(String actorName, String sourceAddress) {}

  @Transactional
  public long append(AuditRecord record, Origin origin) {
    return appendAll(List.of(record), origin).get(0);
  }

  /** Entries waiting for their transaction to commit ({@link #appendAtCommit}). */
  private final TransactionMemo<String, List<AuditRecord>> atCommit = new TransactionMemo<>();

  /**
   * Appends {@code record} just before the current transaction commits, in one batch with the
   * others recorded so (a page's new cases: one batch of entries, not one insert each); a
   * transaction that rolls back writes none. At once outside a transaction.
   */
  public void appendAtCommit(AuditRecord record) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      append(record, null);
      return;
    }
    atCommit.get("waiting", k -> writtenBeforeCommit(new ArrayList<>())).add(record);
  }

  /** {@code waiting}, appended in one batch just before the current transaction commits. */
  private List<AuditRecord> writtenBeforeCommit(List<AuditRecord> waiting) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) {
            // Drained until empty: writing may make another entry wait (none do today).
            while (!waiting.isEmpty()) {
              List<AuditRecord> all = List.copyOf(waiting);
              waiting.clear();
              appendAll(all, null);
            }
          }
        });
    return waiting;
  }

  /** An entry as inserted: who, from where, when, and the values as stored (encrypted). */
  private record Row(
      AuditRecord record,
      Long actor,
      String actorName,
      String address,
      Instant at,
      String before,
      String after) {}

  /**
   * Appends several records (a batch of messages' entries) with multi-row inserts ({@link
   * io.parley.shared.BatchInsert}); ids in the order of {@code records}.
   */
  @Transactional
  public List<Long> appendAll(List<AuditRecord> records, Origin origin) {
    if (records.isEmpty()) {
      return List.of();
    }
    var current = CurrentUser.get();
    String source = origin == null ? null : origin.sourceAddress();
    if (source == null
        && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r) {
      source = r.getRequest().getRemoteAddr();
    }
    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    keys.prepare(
        records.stream().map(AuditRecord::customer).filter(java.util.Objects::nonNull).toList());
    List<Row> rows = new ArrayList<>(records.size());
    for (AuditRecord record : records) {
      Long actorId = record.actor() == null ? null : record.actor().value();
      String actorName = origin == null ? null : origin.actorName();
      if (current.isPresent()) {
        if (actorId == null) {
          actorId = current.get().id().value();
        }
        if (actorName == null && actorId.equals(current.get().id().value())) {
          actorName = current.get().username();
        }
      }
      String before = record.before();
      String after = record.after();
      if (record.customer() != null) {
        before = keys.encrypt(record.customer(), before);
        after = keys.encrypt(record.customer(), after);
      }
      rows.add(new Row(record, actorId, cut(actorName, 200), cut(source, 100), at, before, after));
    }
    List<Long> ids =
        BatchInsert.returningIds(
            jdbc,
            "insert into compliance_audit_entry (recorded_at, actor_id, actor_name, source_address,"
                + " action, subject_type, subject_id, brand_id, customer_id, before_value,"
                + " after_value) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
            (ps, first, row) -> {
              AuditRecord record = row.record();
              ps.setTimestamp(first + 1, Timestamp.from(row.at()));
              setLong(ps, first + 2, row.actor());
              ps.setString(first + 3, row.actorName());
              ps.setString(first + 4, row.address());
              ps.setString(first + 5, cut(record.action(), 100));
              ps.setString(first + 6, cut(record.subjectType(), 50));
              ps.setString(first + 7, cut(record.subjectId(), 100));
              setLong(ps, first + 8, record.brand() == null ? null : record.brand().value());
              setLong(ps, first + 9, record.customer());
              ps.setString(first + 10, row.before());
              ps.setString(first + 11, row.after());
            });
    jdbc.batchUpdate(
        "insert into compliance_audit_pending (entry_id) values (?)",
        ids,
        ids.size(),
        (ps, id) -> ps.setLong(1, id));
    AfterCommit.run(chain::wake);
    return ids;
  }

  private static void setLong(PreparedStatement ps, int index, Long value)
      throws java.sql.SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
