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

/** An account on a channel, owned by a brand and shared by the agents granted access. */
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

  protected ChannelAccount() {}

  public ChannelAccount(Long brandId, String type, String name, String address) {
    this.brandId = brandId;
    this.type = type;
    this.name = name;
    this.address = address;
    this.active = true;
    this.createdAt = Instant.now();
  }

  public ChannelAccountSummary summary() {
    return new ChannelAccountSummary(
        new ChannelAccountId(id), new BrandId(brandId), type, name, address, active);
  }
}
