package io.parley.compliance.internal;

import io.parley.channels.OutboundHeld;
import io.parley.channels.Outbox;
import io.parley.compliance.AuditRecord;
import io.parley.compliance.AuditTrail;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervisors' queue of replies a gate held: approve as written, approve an edited text (the
 * message gets a new version; the customer receives the edit) or reject with a reason. Every
 * request and decision is audited.
 */
@Component
public class Approvals {

  public enum Status {
    PENDING,
    APPROVED,
    EDITED,
    REJECTED
  }

  /** One held reply and, once decided, the decision. */
  public record Approval(
      long id,
      long outboxId,
      long brandId,
      String sourceRef,
      String requestedText,
      String reason,
      Status status,
      Instant requestedAt,
      Instant decidedAt,
      Long decidedBy,
      String note,
      String finalText) {

    /** The message id when the held entry is a reply on a case. */
    public Long messageId() {
      return sourceRef != null && sourceRef.startsWith("message:")
          ? Long.valueOf(sourceRef.substring("message:".length()))
          : null;
    }
  }

  private final JdbcTemplate jdbc;
  private final Outbox outbox;
  private final Cases cases;
  private final AuditTrail audit;
  private final JsonMapper json;

  Approvals(JdbcTemplate jdbc, Outbox outbox, Cases cases, AuditTrail audit, JsonMapper json) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.cases = cases;
    this.audit = audit;
    this.json = json;
  }

  @EventListener
  void on(OutboundHeld held) {
    List<Long> existing =
        jdbc.queryForList(
            "select id from compliance_approval where outbox_id = ? and status = 'PENDING'",
            Long.class,
            held.outboxId());
    if (!existing.isEmpty()) {
      return;
    }
    jdbc.update("delete from compliance_approval where outbox_id = ?", held.outboxId());
    jdbc.update(
        "insert into compliance_approval (outbox_id, brand_id, source_ref, requested_text,"
            + " reason, status, requested_at) values (?, ?, ?, ?, ?, 'PENDING', ?)",
        held.outboxId(),
        held.brand().value(),
        held.sourceRef(),
        held.text(),
        held.reason(),
        Timestamp.from(Instant.now()));
    Approval approval = byOutbox(held.outboxId()).orElseThrow();
    audit.record(
        AuditRecord.of("approval.requested", "approval", approval.id())
            .brand(held.brand())
            .customer(customerOf(approval))
            .change(
                null,
                write(
                    AuditListeners.map(
                        "outbox", held.outboxId(),
                        "source", held.sourceRef(),
                        "text", held.text(),
                        "reason", held.reason()))));
  }

  public List<Approval> pending() {
    return jdbc.query(
        "select * from compliance_approval where status = 'PENDING' order by requested_at, id",
        (rs, i) -> read(rs));
  }

  public List<Approval> recent(int limit) {
    return jdbc.query(
        "select * from compliance_approval where status <> 'PENDING'"
            + " order by decided_at desc, id desc limit "
            + Math.max(1, Math.min(limit, 200)),
        (rs, i) -> read(rs));
  }

  public Optional<Approval> find(long id) {
    return jdbc
        .query("select * from compliance_approval where id = ?", (rs, i) -> read(rs), id)
        .stream()
        .findFirst();
  }

  private Optional<Approval> byOutbox(long outboxId) {
    return jdbc
        .query(
            "select * from compliance_approval where outbox_id = ?", (rs, i) -> read(rs), outboxId)
        .stream()
        .findFirst();
  }

  /**
   * Approves a held reply; with {@code editedText} different from the held text, the reply gets a
   * new version and the customer receives the edit. False when it was already decided.
   */
  @Transactional
  public boolean approve(long id, String editedText, UserId by) {
    Approval approval = find(id).filter(a -> a.status() == Status.PENDING).orElse(null);
    if (approval == null) {
      return false;
    }
    String edited = editedText == null ? null : editedText.strip().replace("\r\n", "\n");
    boolean changed =
        edited != null && !edited.isEmpty() && !edited.equals(approval.requestedText().strip());
    String finalText = changed ? edited : approval.requestedText();
    if (changed && approval.messageId() != null) {
      cases.reviseMessage(approval.messageId(), by, edited, "approval.edited");
    }
    if (!outbox.release(approval.outboxId(), changed ? edited : null)) {
      return false;
    }
    Status status = changed ? Status.EDITED : Status.APPROVED;
    decide(approval, status, by, null, finalText);
    audit.record(
        AuditRecord.of(changed ? "approval.edited" : "approval.approved", "approval", approval.id())
            .brand(new BrandId(approval.brandId()))
            .customer(customerOf(approval))
            .change(
                write(AuditListeners.map("text", approval.requestedText())),
                write(
                    AuditListeners.map(
                        "text", finalText, "outbox", approval.outboxId(), "status", status))));
    return true;
  }

  @Transactional
  public boolean reject(long id, String reason, UserId by) {
    Approval approval = find(id).filter(a -> a.status() == Status.PENDING).orElse(null);
    if (approval == null || reason == null || reason.isBlank()) {
      return false;
    }
    if (!outbox.reject(approval.outboxId(), reason.strip())) {
      return false;
    }
    decide(approval, Status.REJECTED, by, reason.strip(), null);
    audit.record(
        AuditRecord.of("approval.rejected", "approval", approval.id())
            .brand(new BrandId(approval.brandId()))
            .customer(customerOf(approval))
            .change(
                write(AuditListeners.map("text", approval.requestedText())),
                write(
                    AuditListeners.map("reason", reason.strip(), "outbox", approval.outboxId()))));
    return true;
  }

  private void decide(Approval approval, Status status, UserId by, String note, String text) {
    jdbc.update(
        "update compliance_approval set status = ?, decided_at = ?, decided_by = ?,"
            + " decision_note = ?, final_text = ? where id = ?",
        status.name(),
        Timestamp.from(Instant.now()),
        by == null ? null : by.value(),
        note == null || note.length() <= 1000 ? note : note.substring(0, 1000),
        text,
        approval.id());
  }

  /** The case's customer of a held reply: its texts are that customer's personal data. */
  Long customerOf(Approval approval) {
    if (approval.messageId() == null) {
      return null;
    }
    return cases
        .caseOf(approval.messageId())
        .flatMap(cases::find)
        .map(CaseView::customer)
        .map(c -> c.value())
        .orElse(null);
  }

  /** The case reference of a held reply, for links. */
  public Optional<String> caseReference(Approval approval) {
    if (approval.messageId() == null) {
      return Optional.empty();
    }
    return cases.caseOf(approval.messageId()).flatMap(cases::find).map(CaseView::reference);
  }

  /** Erasure: the texts a customer's held replies carried. */
  void erase(List<Long> messageIds) {
    for (Long id : messageIds) {
      jdbc.update(
          "update compliance_approval set requested_text = '[erased]',"
              + " final_text = case when final_text is null then null else '[erased]' end"
              + " where source_ref = ?",
          "message:" + id);
    }
  }

  private String write(java.util.Map<String, Object> map) {
    return json.writeValueAsString(map);
  }

  private static Approval read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Approval(
        rs.getLong("id"),
        rs.getLong("outbox_id"),
        rs.getLong("brand_id"),
        rs.getString("source_ref"),
        rs.getString("requested_text"),
        rs.getString("reason"),
        Status.valueOf(rs.getString("status")),
        rs.getTimestamp("requested_at").toInstant(),
        rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant(),
        (Long) rs.getObject("decided_by", Long.class),
        rs.getString("decision_note"),
        rs.getString("final_text"));
  }
}
