package io.parley.identity.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-time link with which an invited user chooses their password. Only its hash is stored. */
@Entity
@Table(name = "identity_invitation")
public class Invitation {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "identity_invitation_seq")
  @SequenceGenerator(name = "identity_invitation_seq", allocationSize = 50)
  private Long id;

  private Long userId;
  private String tokenHash;
  private Instant createdAt;
  private Instant expiresAt;
  private Instant acceptedAt;

  protected Invitation() {}

  Invitation(Long userId, String tokenHash, Instant expiresAt) {
    this.userId = userId;
    this.tokenHash = tokenHash;
    this.createdAt = Instant.now();
    this.expiresAt = expiresAt;
  }

  boolean isUsable(Instant now) {
    return acceptedAt == null && now.isBefore(expiresAt);
  }

  void accept(Instant now) {
    this.acceptedAt = now;
  }

  public Long getUserId() {
    return userId;
  }
}
