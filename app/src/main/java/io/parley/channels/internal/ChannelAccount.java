package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccountSummary;
import io.parley.identity.BrandId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An account on a channel, owned by a brand and shared by the agents granted access. Its settings
 * are data described by the connector's factory; secret settings are kept encrypted. Health and the
 * poll cursor are written with single-row updates by the poller (see the repository).
 */
@Entity
@Table(name = "channels_account")
public class ChannelAccount {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channels_account_seq")
  @SequenceGenerator(name = "channels_account_seq", allocationSize = 50)
  private Long id;

  private Long brandId;
  private String type;
  private String name;
  private String address;
  private boolean active;
  private Instant createdAt;
  private String settings;
  private String secrets;
  private boolean signatureTags;
  private String pollCursor;
  private Instant pollLeaseUntil;
  private Instant nextPollAt;
  private Instant lastPollAt;
  private Instant lastSuccessAt;
  private Instant lastErrorAt;
  private String lastError;
  private Instant rateLimitedUntil;

  protected ChannelAccount() {}

  public ChannelAccount(Long brandId, String type, String name, String address) {
    this.brandId = brandId;
    this.type = type;
    this.name = name;
    this.address = address;
    this.active = true;
    this.signatureTags = true;
    this.createdAt = Instant.now();
  }

  void configure(String name, String address, String settingsJson, String sealedSecrets) {
    this.name = name;
    this.address = address;
    this.settings = settingsJson;
    this.secrets = sealedSecrets;
  }

  /** Its connector renewed secrets the network rotates (sealed, like those an admin sets). */
  void renewSecrets(String sealedSecrets) {
    this.secrets = sealedSecrets;
  }

  void signatureTags(boolean on) {
    this.signatureTags = on;
  }

  void activate(boolean on) {
    this.active = on;
  }

  public ChannelAccountSummary summary() {
    return new ChannelAccountSummary(
        new ChannelAccountId(id), new BrandId(brandId), type, name, address, active);
  }

  public Long getId() {
    return id;
  }

  public Long getBrandId() {
    return brandId;
  }

  public String getType() {
    return type;
  }

  public String getName() {
    return name;
  }

  public String getAddress() {
    return address;
  }

  public boolean isActive() {
    return active;
  }

  public String getSettings() {
    return settings;
  }

  public String getSecrets() {
    return secrets;
  }

  public boolean isSignatureTags() {
    return signatureTags;
  }

  public boolean isConfigured() {
    return settings != null;
  }

  public String getPollCursor() {
    return pollCursor;
  }

  public Instant getNextPollAt() {
    return nextPollAt;
  }

  public Instant getLastPollAt() {
    return lastPollAt;
  }

  public Instant getLastSuccessAt() {
    return lastSuccessAt;
  }

  public Instant getLastErrorAt() {
    return lastErrorAt;
  }

  public String getLastError() {
    return lastError;
  }

  public Instant getRateLimitedUntil() {
    return rateLimitedUntil;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
