package io.parley.entitlements;

import io.parley.customers.CustomerId;
import io.parley.entitlements.internal.Contract;
import io.parley.entitlements.internal.ContractRepository;
import io.parley.entitlements.internal.ServiceTierRepository;
import io.parley.entitlements.internal.Tiers;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a customer is entitled to, and granting a tier by contract (admins, imports, demo). */
@Service
public class Entitlements {

  private final Tiers tiers;
  private final ServiceTierRepository serviceTiers;
  private final ContractRepository contracts;
  private final Clock clock;

  Entitlements(
      Tiers tiers, ServiceTierRepository serviceTiers, ContractRepository contracts, Clock clock) {
    this.tiers = tiers;
    this.serviceTiers = serviceTiers;
    this.contracts = contracts;
    this.clock = clock;
  }

  /** The customer's tier today (UTC date); empty only if no tier is defined at all. */
  @Transactional(readOnly = true)
  public Optional<TierSummary> tierOf(CustomerId customer) {
    return tiers.of(customer, LocalDate.now(clock)).map(Tiers.Entitled::summary);
  }

  /**
   * Gives a customer a tier by contract from {@code from} to {@code until} (null: open-ended).
   * Throws {@link IllegalArgumentException} for an unknown tier or an end before the start.
   */
  @Transactional
  public long grant(
      CustomerId customer, String tierCode, String name, LocalDate from, LocalDate until) {
    var tier =
        serviceTiers
            .findByCode(tierCode)
            .orElseThrow(() -> new IllegalArgumentException("tier.notFound"));
    return contracts
        .save(
            new Contract(customer.value(), tier.getId(), name, from, until, null, clock.instant()))
        .getId();
  }
}
