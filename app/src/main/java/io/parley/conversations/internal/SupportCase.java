package io.parley.conversations.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A case: one customer matter handled by the team, numbered per brand (e.g. ACME-1042). */
@Entity
@Table(name = "conversations_case")
public class SupportCase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversations_case_seq")
  @SequenceGenerator(name = "conversations_case_seq", allocationSize = 50)
  private Long id;

  private Long brandId;
  private long number;
  private String reference;
  private String subject;

  @Enumerated(EnumType.STRING)
  private CaseStatus status;

  @Enumerated(EnumType.STRING)
  private Priority priority;

  private Long customerId;
  private Long channelAccountId;
  private String channelType;
  private Long assigneeId;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant firstResponseAt;
  private Instant solvedAt;

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

  /** An agent takes or is given the case; a new case becomes open. */
  void assignTo(Long userId, Instant at) {
    this.assigneeId = userId;
    if (status == CaseStatus.NEW) {
      status = CaseStatus.OPEN;
    }
    this.updatedAt = at;
  }

  /** The team answered the customer. The first answer stops the first-response clock. */
  void responded(Instant at) {
    if (firstResponseAt == null) {
      firstResponseAt = at;
    }
    if (status == CaseStatus.NEW) {
      status = CaseStatus.OPEN;
    }
    updatedAt = at;
  }

  void changeStatus(CaseStatus newStatus, Instant at) {
    if (status == CaseStatus.CLOSED) {
      throw new IllegalStateException("A closed case cannot change");
    }
    status = newStatus;
    solvedAt = newStatus == CaseStatus.SOLVED || newStatus == CaseStatus.CLOSED ? at : null;
    updatedAt = at;
  }

  void touched(Instant at) {
    updatedAt = at;
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
        createdAt,
        updatedAt,
        firstResponseAt,
        solvedAt);
  }

  public Long getId() {
    return id;
  }

  public Long getBrandId() {
    return brandId;
  }

  public CaseStatus getStatus() {
    return status;
  }
}
