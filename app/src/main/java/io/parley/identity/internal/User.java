package io.parley.identity.internal;

import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.identity.UserSummary;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person who signs in to Parley. Users are deactivated, never deleted, so that everything they
 * did stays attributed to them.
 */
@Entity
@Table(name = "identity_user")
@EntityListeners(IdentityChangeListener.class)
public class User {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "identity_user_seq")
  @SequenceGenerator(name = "identity_user_seq", allocationSize = 50)
  private Long id;

  private String username;
  private String displayName;
  private String email;
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  private Role role;

  private String locale;
  private String signature;
  private boolean active;
  private Instant createdAt;
  private Instant deactivatedAt;

  @Version private long version;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "identity_user_brand", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "brand_id")
  private Set<Long> brandIds = new HashSet<>();

  protected User() {}

  public User(String username, String displayName, String email, Role role) {
    this.username = username;
    this.displayName = displayName;
    this.email = email;
    this.role = role;
    this.active = true;
    this.createdAt = Instant.now();
  }

  public void changePassword(String newHash) {
    this.passwordHash = newHash;
  }

  public void deactivate() {
    if (active) {
      active = false;
      deactivatedAt = Instant.now();
    }
  }

  public void reactivate() {
    active = true;
    deactivatedAt = null;
  }

  public void grantBrands(Set<Long> brands) {
    brandIds.clear();
    brandIds.addAll(brands);
  }

  public void updateProfile(String displayName, String signature, String locale) {
    this.displayName = displayName;
    this.signature = signature;
    this.locale = locale;
  }

  /** A user invited but who has not yet chosen a password cannot sign in. */
  public boolean canSignIn() {
    return active && passwordHash != null;
  }

  public CurrentUser toCurrentUser() {
    return new CurrentUser(
        new UserId(id),
        username,
        displayName,
        role,
        brandIds.stream().map(BrandId::new).collect(Collectors.toUnmodifiableSet()));
  }

  public UserSummary summary() {
    return new UserSummary(new UserId(id), username, displayName, email, role, signature, active);
  }

  public Long getId() {
    return id;
  }

  public String getUsername() {
    return username;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getEmail() {
    return email;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public Role getRole() {
    return role;
  }

  public String getLocale() {
    return locale;
  }

  public String getSignature() {
    return signature;
  }

  public boolean isActive() {
    return active;
  }

  public boolean isInvitationPending() {
    return passwordHash == null;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getDeactivatedAt() {
    return deactivatedAt;
  }

  public Set<Long> getBrandIds() {
    return brandIds;
  }
}
