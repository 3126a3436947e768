package io.parley.compliance.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the audit trail for people: personal data decrypted while the customer's key exists. */
@Component
public class AuditLog {

  private final JdbcTemplate jdbc;
  private final SubjectKeys keys;

  AuditLog(JdbcTemplate jdbc, SubjectKeys keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  /** One entry as shown and exported; {@code before}/{@code after} readable or "[erased]". */
  public record Line(
      long id,
      Instant at,
      Long actorId,
      String actorName,
      String source,
      String action,
      String subjectType,
      String subjectId,
      Long brandId,
      Long customerId,
      String before,
      String after) {}

  /** Newest first, optionally only actions starting with {@code action} or one subject. */
  public List<Line> recent(
      String action, String subjectType, String subjectId, int page, int size) {
    StringBuilder sql = new StringBuilder("select * from compliance_audit_entry where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (action != null && !action.isBlank()) {
      sql.append(" and action like ? escape '\\'");
      args.add(io.parley.shared.SqlLike.literal(action.strip()) + "%");
    }
    if (subjectType != null && !subjectType.isBlank()) {
      sql.append(" and subject_type = ?");
      args.add(subjectType.strip());
    }
    if (subjectId != null && !subjectId.isBlank()) {
      sql.append(" and subject_id = ?");
      args.add(subjectId.strip());
    }
    sql.append(" order by id desc limit ")
        .append(Math.max(1, Math.min(size, 500)))
        .append(" offset ")
        .append(Math.max(0, page) * (long) Math.max(1, Math.min(size, 500)));
    return jdbc.query(sql.toString(), (rs, i) -> read(rs), args.toArray());
  }

  public List<Line> between(Instant from, Instant to, int max) {
    return jdbc.query(
        "select * from compliance_audit_entry where recorded_at >= ? and recorded_at < ?"
            + " order by id limit "
            + max,
        (rs, i) -> read(rs),
        Timestamp.from(from),
        Timestamp.from(to));
  }

  /** Entries about any of these subjects, oldest first. */
  public List<Line> about(String subjectType, Collection<String> subjectIds) {
    if (subjectIds.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", subjectIds.stream().map(s -> "?").toList());
    List<Object> args = new ArrayList<>();
    args.add(subjectType);
    args.addAll(subjectIds);
    return jdbc.query(
        "select * from compliance_audit_entry where subject_type = ? and subject_id in ("
            + marks
            + ") order by id",
        (rs, i) -> read(rs),
        args.toArray());
  }

  /** Outbox entries (message.out.*) of these sources ({@code message:42}). */
  public List<Line> deliveriesOf(List<String> sourceRefs) {
    List<Line> found = new ArrayList<>();
    for (String ref : sourceRefs) {
      found.addAll(
          jdbc.query(
              "select * from compliance_audit_entry where subject_type = 'outbox'"
                  + " and after_value like ? order by id",
              (rs, i) -> read(rs),
              "%\"source\":\"" + ref + "\"%"));
    }
    return found;
  }

  public List<Line> ofCustomer(long customerId) {
    return jdbc.query(
        "select * from compliance_audit_entry where customer_id = ?"
            + " or (subject_type = 'customer' and subject_id = ?) order by id",
        (rs, i) -> read(rs),
        customerId,
        String.valueOf(customerId));
  }

  private Line read(ResultSet rs) throws SQLException {
    Long customer = (Long) rs.getObject("customer_id", Long.class);
    return new Line(
        rs.getLong("id"),
        rs.getTimestamp("recorded_at").toInstant(),
        (Long) rs.getObject("actor_id", Long.class),
        rs.getString("actor_name"),
        rs.getString("source_address"),
        rs.getString("action"),
        rs.getString("subject_type"),
        rs.getString("subject_id"),
        (Long) rs.getObject("brand_id", Long.class),
        customer,
        keys.decrypt(customer, rs.getString("before_value")),
        keys.decrypt(customer, rs.getString("after_value")));
  }
}
