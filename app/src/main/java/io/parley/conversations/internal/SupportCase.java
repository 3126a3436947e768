package io.parley.conversations.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A case: one customer matter handled by the team, numbered per brand (e.g. ACME-1042). Each change
 * returns what it changed, so the caller can record the case's history.
 */
@Entity
@Table(name = "conversations_case")
@org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed(index = "cases")
public class SupportCase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversations_case_seq")
  @SequenceGenerator(name = "conversations_case_seq", allocationSize = 50)
  private Long id;

  @org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField private Long brandId;

  private long number;

  @org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField
  private String reference;

  @org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField(
      analyzer = SearchAnalysis.TEXT)
  private String subject;

  @Enumerated(EnumType.STRING)
  private CaseStatus status;

  @Enumerated(EnumType.STRING)
  private Priority priority;

  private Long customerId;
  private Long channelAccountId;
  private String channelType;
  private Long assigneeId;
  private Long queueId;
  // When the case last entered a queue without an agent: how long it has waited there.
  private Instant queuedAt;
  private Long mergedIntoId;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant firstResponseAt;
  private Instant solvedAt;
  private Integer csatScore;
  private String csatComment;
  private String csatTokenHash;
  private Instant csatAt;

  @org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField(
      analyzer = SearchAnalysis.TEXT)
  @ElementCollection
  @CollectionTable(name = "conversations_case_tag", joinColumns = @JoinColumn(name = "case_id"))
  @Column(name = "tag")
  private Set<String> tags = new TreeSet<>();

  /** Captured for a listened post and not yet completed ({@link CaseCapturing}). */
  private boolean captured;

  @Version private long version;

  protected SupportCase() {}

  SupportCase(
      Long brandId,
      long number,
      String reference,
      String subject,
      Priority priority,
      Long customerId,
      Long channelAccountId,
      String channelType,
      Instant createdAt) {
    this.brandId = brandId;
    this.number = number;
    this.reference = reference;
    this.subject = subject;
    this.priority = priority;
    this.customerId = customerId;
    this.channelAccountId = channelAccountId;
    this.channelType = channelType;
    this.status = CaseStatus.NEW;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /**
   * A captured case learns its customer (the author of its first message, resolved after the
   * capture committed); one that has a customer keeps it.
   */
  void identified(Long customer) {
    if (customerId == null) {
      customerId = customer;
    }
  }

  /** One recorded change: what kind, from what, to what. */
  record Change(String kind, String before, String after) {}

  /** An agent takes or is given the case (null: back to the queue); a new case becomes open. */
  Change assignTo(Long userId, Instant at) {
    ensureChangeable();
    Change change = new Change("assignee", str(assigneeId), str(userId));
    if (userId == null && assigneeId != null) {
      queuedAt = at;
    }
    this.assigneeId = userId;
    if (userId != null && status == CaseStatus.NEW) {
      status = CaseStatus.OPEN;
    }
    this.updatedAt = at;
    return change;
  }

  Change moveToQueue(Long newQueue, Instant at) {
    ensureChangeable();
    Change change = new Change("queue", str(queueId), str(newQueue));
    if (!Objects.equals(queueId, newQueue) || queuedAt == null) {
      queuedAt = at;
    }
    this.queueId = newQueue;
    this.updatedAt = at;
    return change;
  }

  /** The team answered the customer. The first answer stops the first-response clock. */
  void responded(Instant at) {
    if (firstResponseAt == null) {
      firstResponseAt = at;
    }
    if (status == CaseStatus.NEW || status == CaseStatus.SOLVED) {
      status = CaseStatus.OPEN;
    }
    updatedAt = at;
  }

  /** The customer wrote again: a solved case reopens, a case pending the customer wakes up. */
  Change customerWrote(Instant at) {
    CaseStatus before = status;
    if (status == CaseStatus.SOLVED || status == CaseStatus.PENDING_CUSTOMER) {
      status = CaseStatus.OPEN;
      solvedAt = null;
    }
    updatedAt = at;
    return before == status ? null : new Change("status", before.name(), status.name());
  }

  void touched(Instant at) {
    updatedAt = at;
  }

  Change changeStatus(CaseStatus newStatus, Instant at) {
    ensureChangeable();
    Change change = new Change("status", status.name(), newStatus.name());
    status = newStatus;
    solvedAt = newStatus == CaseStatus.SOLVED || newStatus == CaseStatus.CLOSED ? at : null;
    updatedAt = at;
    return change;
  }

  Change changePriority(Priority newPriority, Instant at) {
    ensureChangeable();
    Change change = new Change("priority", priority.name(), newPriority.name());
    priority = newPriority;
    updatedAt = at;
    return change;
  }

  Change changeSubject(String newSubject, Instant at) {
    ensureChangeable();
    Change change = new Change("subject", subject, newSubject);
    subject = newSubject;
    updatedAt = at;
    return change;
  }

  /**
   * The subject's words must go (the message it summarized was hidden, the customer erased, the
   * case expired): it becomes {@code neutral}, whatever the case's status, a closed case's too.
   */
  void overwriteSubject(String neutral, Instant at) {
    subject = neutral;
    updatedAt = at;
  }

  Change retag(Set<String> newTags, Instant at) {
    ensureChangeable();
    Change change =
        new Change("tags", String.join(",", tags), String.join(",", new TreeSet<>(newTags)));
    tags.clear();
    tags.addAll(newTags);
    updatedAt = at;
    return change;
  }

  /** This case continues in {@code target}; it closes and points there. */
  Change mergeInto(SupportCase target, Instant at) {
    ensureChangeable();
    if (target.id.equals(id) || target.status == CaseStatus.CLOSED) {
      throw new IllegalArgumentException("case.merge.invalid");
    }
    if (target.captured) {
      throw io.parley.conversations.CaseRejected.conflict("case.opening");
    }
    mergedIntoId = target.id;
    status = CaseStatus.CLOSED;
    solvedAt = at;
    updatedAt = at;
    return new Change("merged", reference, target.reference);
  }

  void issueSatisfactionSurvey(String tokenHash) {
    this.csatTokenHash = tokenHash;
  }

  boolean acceptsRating(String tokenHash) {
    return csatTokenHash != null && csatTokenHash.equals(tokenHash);
  }

  Change rate(int score, String comment, Instant at) {
    if (score < 1 || score > 5) {
      throw new IllegalArgumentException("csat.score.invalid");
    }
    Change change = new Change("csat", str(csatScore), String.valueOf(score));
    csatScore = score;
    csatComment = comment;
    csatAt = at;
    return change;
  }

  private void ensureChangeable() {
    if (status == CaseStatus.CLOSED) {
      throw new IllegalStateException("case.closed");
    }
    if (captured) {
      throw io.parley.conversations.CaseRejected.conflict("case.opening");
    }
  }

  /** Whether it was captured and is not yet complete: nobody may change it meanwhile. */
  boolean isCaptured() {
    return captured;
  }

  /** Its completion begins: from now on it is a case like any other. */
  void completing() {
    captured = false;
  }

  private static String str(Object value) {
    return value == null ? null : value.toString();
  }

  public CaseView view() {
    return new CaseView(
        new CaseId(id),
        reference,
        new BrandId(brandId),
        subject,
        status,
        priority,
        customerId == null ? null : new CustomerId(customerId),
        channelAccountId == null ? null : new ChannelAccountId(channelAccountId),
        channelType,
        assigneeId == null ? null : new UserId(assigneeId),
        queueId,
        Set.copyOf(tags),
        mergedIntoId == null ? null : new CaseId(mergedIntoId),
        csatScore,
        csatComment,
        createdAt,
        updatedAt,
        firstResponseAt,
        solvedAt,
        version,
        captured);
  }

  public Long getId() {
    return id;
  }

  public Long getBrandId() {
    return brandId;
  }

  public String getReference() {
    return reference;
  }

  public CaseStatus getStatus() {
    return status;
  }

  public long getVersion() {
    return version;
  }

  public Long getCustomerId() {
    return customerId;
  }

  public Instant getQueuedAt() {
    return queuedAt;
  }

  public Long getQueueId() {
    return queueId;
  }

  public Priority getPriority() {
    return priority;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getFirstResponseAt() {
    return firstResponseAt;
  }

  public Long getAssigneeId() {
    return assigneeId;
  }

  public Long getMergedIntoId() {
    return mergedIntoId;
  }

  public String getSubject() {
    return subject;
  }

  Set<String> getTags() {
    return java.util.Collections.unmodifiableSet(tags);
  }

  public Long getChannelAccountId() {
    return channelAccountId;
  }

  public String getChannelType() {
    return channelType;
  }

  boolean isAssignedTo(Long userId) {
    return Objects.equals(assigneeId, userId);
  }
}
