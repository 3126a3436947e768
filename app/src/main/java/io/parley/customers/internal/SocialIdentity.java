package io.parley.customers.internal;

import io.parley.customers.SocialIdentityData;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer's account on a social network, unique per (network, external id). */
@Entity
@Table(name = "customers_social_identity")
public class SocialIdentity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customers_social_identity_seq")
  @SequenceGenerator(name = "customers_social_identity_seq", allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "customer_id")
  private Customer customer;

  private String network;
  private String externalId;
  private String handle;

  /** {@link CandidateScoring#handleKey} of the handle, kept with it. */
  private String handleKey;

  private String displayName;
  private String profileUrl;
  private String bio;
  private Long followerCount;
  private Instant createdAt;
  private Instant profileSeenAt;

  protected SocialIdentity() {}

  public SocialIdentity(SocialIdentityData data) {
    this.network = data.network();
    this.externalId = data.externalId();
    handle(data.handle());
    this.displayName = data.displayName();
    this.profileUrl = data.profileUrl();
    this.bio = data.bio();
    this.followerCount = data.followerCount();
    this.createdAt = Instant.now();
    this.bio = bio == null ? null : cut(bio, 2000);
  }

  /**
   * Takes the profile the network showed with a message written at {@code seenAt}, unless a newer
   * message showed it already; values the network did not give are kept.
   */
  public void refresh(SocialIdentityData seen, Instant seenAt) {
    if (seenAt == null || (profileSeenAt != null && seenAt.isBefore(profileSeenAt))) {
      return;
    }
    profileSeenAt = seenAt;
    handle(seen.handle() == null ? handle : seen.handle());
    displayName = seen.displayName() == null ? displayName : seen.displayName();
    profileUrl = seen.profileUrl() == null ? profileUrl : seen.profileUrl();
    bio = seen.bio() == null ? bio : cut(seen.bio(), 2000);
    followerCount = seen.followerCount() == null ? followerCount : seen.followerCount();
  }

  private void handle(String handle) {
    if (handle != null && handle.equals(this.handle)) {
      return; // the same handle each message: its key is known
    }
    this.handle = handle;
    this.handleKey = CandidateScoring.handleKey(handle);
  }

  private static String cut(String value, int max) {
    return value.length() > max ? value.substring(0, max) : value;
  }

  /** Erasure: only the network and a placeholder id remain. */
  void erase() {
    this.externalId = "erased-" + id;
    handle(null);
    this.displayName = null;
    this.profileUrl = null;
    this.bio = null;
    this.followerCount = null;
  }

  void attachTo(Customer customer) {
    this.customer = customer;
  }

  /** Moves this identity to another customer (a merge, or undoing one). */
  public void moveTo(Customer other) {
    customer.detach(this);
    other.addSocialIdentity(this);
  }

  public SocialIdentityData toData() {
    return new SocialIdentityData(
        network, externalId, handle, displayName, profileUrl, bio, followerCount);
  }

  public Long getId() {
    return id;
  }

  public Long getCustomerId() {
    return customer.getId();
  }

  public String getNetwork() {
    return network;
  }

  public String getExternalId() {
    return externalId;
  }

  public String getHandle() {
    return handle;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getProfileUrl() {
    return profileUrl;
  }

  public String getBio() {
    return bio;
  }

  public Long getFollowerCount() {
    return followerCount;
  }
}
