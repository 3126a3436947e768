package io.parley.compliance.internal;

import io.parley.compliance.AuditRecord;
import io.parley.identity.CurrentUser;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Inserts audit entries: in the caller's transaction, so an entry exists exactly when its change
 * does. Entries get no hash here (that would make every writer queue behind one lock); the {@link
 * AuditChain} links them right after commit, one linker at a time.
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
    Long actorId = record.actor() == null ? null : record.actor().value();
    String actorName = origin == null ? null : origin.actorName();
    var current = CurrentUser.get();
    if (current.isPresent()) {
      if (actorId == null) {
        actorId = current.get().id().value();
      }
      if (actorName == null && actorId.equals(current.get().id().value())) {
        actorName = current.get().username();
      }
    }
    String source = origin == null ? null : origin.sourceAddress();
    if (source == null
        && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r) {
      source = r.getRequest().getRemoteAddr();
    }
    String before = record.before();
    String after = record.after();
    if (record.customer() != null) {
      before = keys.encrypt(record.customer(), before);
      after = keys.encrypt(record.customer(), after);
    }
    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var holder = new GeneratedKeyHolder();
    Long actor = actorId;
    String name = cut(actorName, 200);
    String address = cut(source, 100);
    String finalBefore = before;
    String finalAfter = after;
    jdbc.update(
        connection -> {
          PreparedStatement ps =
              connection.prepareStatement(
                  "insert into compliance_audit_entry (recorded_at, actor_id, actor_name,"
                      + " source_address, action, subject_type, subject_id, brand_id, customer_id,"
                      + " before_value, after_value) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"});
          ps.setTimestamp(1, Timestamp.from(at));
          setLong(ps, 2, actor);
          ps.setString(3, name);
          ps.setString(4, address);
          ps.setString(5, cut(record.action(), 100));
          ps.setString(6, cut(record.subjectType(), 50));
          ps.setString(7, cut(record.subjectId(), 100));
          setLong(ps, 8, record.brand() == null ? null : record.brand().value());
          setLong(ps, 9, record.customer());
          ps.setString(10, finalBefore);
          ps.setString(11, finalAfter);
          return ps;
        },
        holder);
    long id = holder.getKey().longValue();
    jdbc.update("insert into compliance_audit_pending (entry_id) values (?)", id);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              chain.wake();
            }
          });
    }
    return id;
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
