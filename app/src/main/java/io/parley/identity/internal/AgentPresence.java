package io.parley.identity.internal;

import io.parley.identity.PresenceStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A staff member's presence and when their console last reported in. */
@Entity
@Table(name = "identity_presence")
public class AgentPresence {

  @Id private Long userId;

  @Enumerated(EnumType.STRING)
  private PresenceStatus status;

  private Instant changedAt;
  private Instant lastSeenAt;

  protected AgentPresence() {}

  /** Returns the status before; being set counts as being seen. */
  public PresenceStatus change(PresenceStatus newStatus, Instant at) {
    PresenceStatus before = status;
    if (before != newStatus) {
      status = newStatus;
      changedAt = at;
    }
    lastSeenAt = at;
    return before;
  }

  public Long getUserId() {
    return userId;
  }

  public PresenceStatus getStatus() {
    return status;
  }

  public Instant getChangedAt() {
    return changedAt;
  }
}
