package io.parley.conversations.internal;

import io.parley.conversations.CaseChanged;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseRejected;
import io.parley.conversations.MessageHidden;
import io.parley.conversations.MessageRevised;
import io.parley.conversations.MessageVersion;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Corrections and "deletions" that keep everything: a revised message keeps its earlier text as a
 * version, a hidden one keeps its text with the reason. Erasure (a customer's right) is the one
 * exception: it overwrites the customer's words everywhere, versions included.
 */
@Component
public class MessageRevisions {

  static final String ERASED = "[erased]";

  /**
   * The subject of a case whose subject was the summary of a message now hidden (stored data, so
   * language-neutral like {@link #ERASED}).
   */
  static final String HIDDEN = "[hidden]";

  private final MessageRepository messages;
  private final CaseRepository cases;
  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final AttachmentStore attachments;
  private final CaseEventRepository history;

  MessageRevisions(
      MessageRepository messages,
      CaseRepository cases,
      JdbcTemplate jdbc,
      ApplicationEventPublisher events,
      AttachmentStore attachments,
      CaseEventRepository history) {
    this.messages = messages;
    this.cases = cases;
    this.jdbc = jdbc;
    this.events = events;
    this.attachments = attachments;
    this.history = history;
  }

  /** Replaces the text of a message, keeping the old one; {@code by} is null for a gate. */
  public Message revise(long messageId, UserId by, String body, String reason) {
    if (body == null || body.isBlank()) {
      throw CaseRejected.invalid("message.body.empty");
    }
    if (body.length() > CaseWriter.MAX_BODY) {
      throw CaseRejected.invalid("message.body.tooLong");
    }
    Message message =
        messages.findById(messageId).orElseThrow(() -> CaseRejected.invalid("message.notFound"));
    if (body.equals(message.getBody())) {
      return message;
    }
    Instant at = Instant.now();
    jdbc.update(
        "insert into conversations_message_version"
            + " (message_id, revision, body, replaced_at, replaced_by, reason)"
            + " values (?, ?, ?, ?, ?, ?)",
        message.getId(),
        message.getRevision(),
        message.getBody(),
        Timestamp.from(at),
        by == null ? null : by.value(),
        cut(reason));
    message.revised(body);
    SupportCase aCase = cases.findById(message.getCaseId()).orElseThrow();
    events.publishEvent(
        new MessageRevised(
            new CaseId(aCase.getId()),
            aCase.getReference(),
            new BrandId(aCase.getBrandId()),
            message.getId(),
            message.getRevision(),
            by,
            reason));
    return message;
  }

  public Message hide(long messageId, UserId by, String reason) {
    if (reason == null || reason.isBlank()) {
      throw CaseRejected.invalid("message.hide.reasonMissing");
    }
    Message message =
        messages.findById(messageId).orElseThrow(() -> CaseRejected.invalid("message.notFound"));
    Instant at = Instant.now();
    message.hide(by == null ? null : by.value(), cut(reason), at);
    SupportCase aCase = cases.findById(message.getCaseId()).orElseThrow();
    events.publishEvent(
        new MessageHidden(
            new CaseId(aCase.getId()),
            aCase.getReference(),
            new BrandId(aCase.getBrandId()),
            message.getId(),
            by,
            reason));
    hideSubjectFrom(message, aCase, by, at);
    return message;
  }

  /**
   * A case opened without a subject has the start of its first message as subject: hiding that
   * message hides it there too (shown in lists and the header, and searched). The history records
   * the change without the old text, and earlier subject changes lose it too.
   */
  private void hideSubjectFrom(Message message, SupportCase aCase, UserId by, Instant at) {
    if (message.getBody() == null || message.getBody().isBlank()) {
      return;
    }
    String summary = CaseWriter.summarize(message.getBody());
    if (!summary.equals(aCase.getSubject())) {
      return;
    }
    aCase.overwriteSubject(HIDDEN, at);
    history.save(
        new CaseEvent(aCase.getId(), by == null ? null : by.value(), at, "subject", null, HIDDEN));
    jdbc.update(
        "update conversations_case_event set before_value = ?"
            + " where case_id = ? and kind = 'subject' and before_value = ?",
        HIDDEN,
        aCase.getId(),
        summary);
    jdbc.update(
        "update conversations_case_event set after_value = ?"
            + " where case_id = ? and kind = 'subject' and after_value = ?",
        HIDDEN,
        aCase.getId(),
        summary);
    events.publishEvent(
        new CaseChanged(
            new CaseId(aCase.getId()),
            aCase.getReference(),
            new BrandId(aCase.getBrandId()),
            by,
            "subject"));
  }

  public List<MessageVersion> versions(long messageId) {
    return jdbc.query(
        "select message_id, revision, body, replaced_at, replaced_by, reason"
            + " from conversations_message_version where message_id = ? order by revision",
        (rs, i) ->
            new MessageVersion(
                rs.getLong(1),
                rs.getInt(2),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                rs.getObject(5) == null ? null : new UserId(rs.getLong(5)),
                rs.getString(6)),
        messageId);
  }

  /**
   * Overwrites what the customer wrote (bodies, HTML, sender addresses, earlier versions) and the
   * subjects of their cases. Returns the sender addresses, network ids and inbound record ids that
   * were on their messages, so channel records can be erased too, and the brands of the cases they
   * were on.
   */
  public Erased eraseCustomer(long customerId) {
    Set<String> addresses = new LinkedHashSet<>();
    Set<String> externalIds = new LinkedHashSet<>();
    Set<Long> inboundIds = new LinkedHashSet<>();
    List<Long> ids = new ArrayList<>();
    // A reply they wrote in another customer's thread is on that case, maybe of another brand.
    Set<Long> touched = new LinkedHashSet<>();
    for (Message m : messages.findByAuthorCustomerId(customerId)) {
      touched.add(m.getCaseId());
      if (m.getAuthorAddress() != null) {
        addresses.add(m.getAuthorAddress());
      }
      if (m.getExternalId() != null) {
        externalIds.add(m.getExternalId());
      }
      if (m.getInboundId() != null) {
        inboundIds.add(m.getInboundId());
      }
      ids.add(m.getId());
      m.erase(ERASED);
    }
    List<Long> caseIds = new ArrayList<>();
    for (SupportCase c : cases.findByCustomerId(customerId)) {
      c.overwriteSubject(ERASED, Instant.now());
      caseIds.add(c.getId());
      touched.add(c.getId());
      // Replies quote the customer and name them: their words go too.
      for (Message m : messages.findByCaseIdOrderByCreatedAtAscIdAsc(c.getId())) {
        if (!ids.contains(m.getId())) {
          ids.add(m.getId());
          if (m.getAuthorAddress() != null) {
            addresses.add(m.getAuthorAddress());
          }
          if (m.getExternalId() != null) {
            externalIds.add(m.getExternalId());
          }
          if (m.getInboundId() != null) {
            inboundIds.add(m.getInboundId());
          }
          m.erase(ERASED);
        }
      }
    }
    for (Long id : ids) {
      jdbc.update(
          "update conversations_message_version set body = ? where message_id = ?", ERASED, id);
    }
    for (Long caseId : caseIds) {
      // The history of a case keeps before/after of subject changes: the customer's words too.
      jdbc.update(
          "update conversations_case_event set before_value = ?, after_value = ?"
              + " where case_id = ? and kind = 'subject'",
          ERASED,
          ERASED,
          caseId);
    }
    // Their files (an ID card photo, an invoice) go too: renamed, bytes deleted after commit.
    int files = attachments.erase(ids, ERASED);
    List<Long> brands =
        cases.findAllById(touched).stream().map(SupportCase::getBrandId).distinct().toList();
    return new Erased(
        List.copyOf(addresses),
        List.copyOf(externalIds),
        List.copyOf(inboundIds),
        ids,
        caseIds,
        brands,
        files);
  }

  /**
   * Retention: overwrites the texts of done cases of {@code brand} untouched since {@code before}
   * (messages, versions, subject). Returns the case ids.
   */
  public List<Long> expire(long brand, Instant before, int limit) {
    List<Long> ids =
        cases.findExpired(
            brand,
            java.util.EnumSet.of(
                io.parley.conversations.CaseStatus.SOLVED,
                io.parley.conversations.CaseStatus.CLOSED),
            before,
            org.springframework.data.domain.Limit.of(limit));
    for (Long caseId : ids) {
      List<Long> expired = new ArrayList<>();
      for (Message m : messages.findByCaseIdOrderByCreatedAtAscIdAsc(caseId)) {
        expired.add(m.getId());
        m.erase(EXPIRED);
        jdbc.update(
            "update conversations_message_version set body = ? where message_id = ?",
            EXPIRED,
            m.getId());
      }
      attachments.erase(expired, EXPIRED);
      cases.findById(caseId).ifPresent(c -> c.overwriteSubject(EXPIRED, Instant.now()));
      jdbc.update(
          "update conversations_case_event set before_value = ?, after_value = ?"
              + " where case_id = ? and kind = 'subject'",
          EXPIRED,
          EXPIRED,
          caseId);
    }
    return ids;
  }

  static final String EXPIRED = "[expired]";

  /** What an erasure touched. */
  public record Erased(
      List<String> addresses,
      List<String> externalIds,
      List<Long> inboundIds,
      List<Long> messageIds,
      List<Long> caseIds,
      List<Long> brandIds,
      int attachments) {}

  private static String cut(String reason) {
    return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
  }
}
