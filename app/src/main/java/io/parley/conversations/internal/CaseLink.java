package io.parley.conversations.internal;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** Two related cases; stored in both directions so either case lists the other. */
@Entity
@Table(name = "conversations_case_link")
public class CaseLink {

  @EmbeddedId private Key key;
  private Instant createdAt;

  protected CaseLink() {}

  CaseLink(Long caseId, Long relatedCaseId) {
    this.key = new Key(caseId, relatedCaseId);
    this.createdAt = Instant.now();
  }

  public Long relatedCaseId() {
    return key.relatedCaseId;
  }

  @Embeddable
  record Key(Long caseId, Long relatedCaseId) implements Serializable {}
}
