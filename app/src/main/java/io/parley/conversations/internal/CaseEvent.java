package io.parley.conversations.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of a case's history: who changed what, when, from what to what. */
@Entity
@Table(name = "conversations_case_event")
public class CaseEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversations_case_event_seq")
  @SequenceGenerator(name = "conversations_case_event_seq", allocationSize = 50)
  private Long id;

  private Long caseId;
  private Long actorUserId;
  private Instant at;
  private String kind;
  private String beforeValue;
  private String afterValue;

  protected CaseEvent() {}

  CaseEvent(Long caseId, Long actorUserId, Instant at, String kind, String before, String after) {
    this.caseId = caseId;
    this.actorUserId = actorUserId;
    this.at = at;
    this.kind = kind;
    this.beforeValue = clip(before);
    this.afterValue = clip(after);
  }

  private static String clip(String value) {
    return value == null || value.length() <= 2000 ? value : value.substring(0, 1999) + "…";
  }

  public Long getActorUserId() {
    return actorUserId;
  }

  public Instant getAt() {
    return at;
  }

  public String getKind() {
    return kind;
  }

  public String getBeforeValue() {
    return beforeValue;
  }

  public String getAfterValue() {
    return afterValue;
  }
}
