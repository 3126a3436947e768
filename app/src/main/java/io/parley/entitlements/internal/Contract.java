package io.parley.entitlements.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A contract giving a customer a service tier from one date to another (open-ended if none). */
@Entity
@Table(name = "entitlements_contract")
public class Contract {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entitlements_contract_seq")
  @SequenceGenerator(name = "entitlements_contract_seq", allocationSize = 50)
  private Long id;

  private Long customerId;
  private Long tierId;
  private String name;
  private LocalDate startsOn;
  private LocalDate endsOn;
  private Instant createdAt;
  private Long createdBy;

  protected Contract() {}

  public Contract(
      Long customerId,
      Long tierId,
      String name,
      LocalDate startsOn,
      LocalDate endsOn,
      Long createdBy,
      Instant at) {
    if (endsOn != null && endsOn.isBefore(startsOn)) {
      throw new IllegalArgumentException("contract.dates.invalid");
    }
    this.customerId = customerId;
    this.tierId = tierId;
    this.name = name;
    this.startsOn = startsOn;
    this.endsOn = endsOn;
    this.createdBy = createdBy;
    this.createdAt = at;
  }

  /** Whether the contract is in force on that day (both ends included). */
  public boolean isValidOn(LocalDate day) {
    return !day.isBefore(startsOn) && (endsOn == null || !day.isAfter(endsOn));
  }

  /** Ends the contract on that day (not before it starts). */
  void endOn(LocalDate day) {
    this.endsOn = day.isBefore(startsOn) ? startsOn : day;
  }

  public Long getId() {
    return id;
  }

  public Long getCustomerId() {
    return customerId;
  }

  public Long getTierId() {
    return tierId;
  }

  public String getName() {
    return name;
  }

  public LocalDate getStartsOn() {
    return startsOn;
  }

  public LocalDate getEndsOn() {
    return endsOn;
  }
}
