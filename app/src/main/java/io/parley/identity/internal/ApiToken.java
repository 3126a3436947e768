package io.parley.identity.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A personal API token. The secret is shown once at creation; only its SHA-256 hash and a short
 * prefix (to recognise it in lists) are stored.
 */
@Entity
@Table(name = "identity_api_token")
@EntityListeners(IdentityChangeListener.class)
public class ApiToken {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "identity_api_token_seq")
  @SequenceGenerator(name = "identity_api_token_seq", allocationSize = 50)
  private Long id;

  private Long userId;
  private String name;
  private String tokenHash;
  private String tokenPrefix;
  private Instant createdAt;
  private Instant expiresAt;
  private Instant lastUsedAt;
  private Instant revokedAt;

  protected ApiToken() {}

  ApiToken(Long userId, String name, String tokenHash, String tokenPrefix, Instant expiresAt) {
    this.userId = userId;
    this.name = name;
    this.tokenHash = tokenHash;
    this.tokenPrefix = tokenPrefix;
    this.createdAt = Instant.now();
    this.expiresAt = expiresAt;
  }

  boolean isValid(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  void revoke() {
    if (revokedAt == null) {
      revokedAt = Instant.now();
    }
  }

  /** Use is recorded at most this often, so that API traffic does not turn into writes. */
  static final Duration USE_RECORDED_EVERY = Duration.ofSeconds(60);

  /** Whether a use at {@code now} should be recorded (see {@link ApiTokenRepository#recordUse}). */
  static boolean useDue(Instant lastUsedAt, Instant now) {
    return lastUsedAt == null || !now.isBefore(lastUsedAt.plus(USE_RECORDED_EVERY));
  }

  public Long getId() {
    return id;
  }

  public Long getUserId() {
    return userId;
  }

  public String getName() {
    return name;
  }

  public String getTokenPrefix() {
    return tokenPrefix;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }
}
