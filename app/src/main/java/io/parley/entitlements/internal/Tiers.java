package io.parley.entitlements.internal;

import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.entitlements.TierSummary;
import io.parley.shared.TransactionMemo;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which tier a customer is entitled to on a day: the best tier of the contracts in force, else the
 * tier named on the customer's profile, else the default tier.
 */
@Component
public class Tiers {

  private final ServiceTierRepository tiers;
  private final ContractRepository contracts;
  private final Customers customers;

  /**
   * Tiers by code ({@link #DEFAULT}: the default tier) for this transaction: each case a batch of
   * posts opens asks for the same few. Tiers are entities of this transaction, loaded with their
   * targets.
   */
  private final TransactionMemo<String, Optional<ServiceTier>> byCode = new TransactionMemo<>();

  private static final String DEFAULT = "\0default";

  /**
   * Contracts by customer for this transaction, when read in bulk beforehand ({@link #prefetch}).
   */
  private final TransactionMemo<Long, List<Contract>> contractsOf = new TransactionMemo<>();

  Tiers(ServiceTierRepository tiers, ContractRepository contracts, Customers customers) {
    this.tiers = tiers;
    this.contracts = contracts;
    this.customers = customers;
  }

  /**
   * Reads the contracts of several customers at once (the senders of a page of messages), so that
   * {@link #of} asks nothing more for them in this transaction.
   */
  public void prefetch(java.util.Collection<CustomerId> customers) {
    if (customers.isEmpty()) {
      return;
    }
    List<Long> ids = customers.stream().map(CustomerId::value).distinct().toList();
    Map<Long, List<Contract>> byCustomer =
        contracts.findForEntitlement(ids.toArray(Long[]::new)).stream()
            .collect(Collectors.groupingBy(Contract::getCustomerId));
    for (Long id : ids) {
      contractsOf.put(id, byCustomer.getOrDefault(id, List.of()));
    }
  }

  /** The customer's tier and where it comes from; empty only when no tier exists at all. */
  @Transactional(readOnly = true)
  public Optional<Entitled> of(CustomerId customer, LocalDate day) {
    if (customer != null) {
      // Tiers are read only for a customer with a contract valid that day (most have none).
      List<Contract> valid =
          contractsOf
              .get(customer.value(), id -> contracts.findForEntitlement(new Long[] {id}))
              .stream()
              .filter(c -> c.isValidOn(day))
              .toList();
      if (!valid.isEmpty()) {
        Map<Long, ServiceTier> byId =
            tiers.findAllById(valid.stream().map(Contract::getTierId).distinct().toList()).stream()
                .collect(Collectors.toMap(ServiceTier::getId, Function.identity()));
        Optional<Entitled> contracted =
            valid.stream()
                .filter(c -> byId.containsKey(c.getTierId()))
                .map(c -> new Entitled(byId.get(c.getTierId()), c))
                .min(Comparator.comparingInt(e -> e.tier().getRankOrder()));
        if (contracted.isPresent()) {
          return contracted;
        }
      }
      Optional<ServiceTier> profiled =
          customers.tierOf(customer).flatMap(t -> byCode.get(t.name(), tiers::findByCode));
      if (profiled.isPresent()) {
        return profiled.map(t -> new Entitled(t, null));
      }
    }
    return byCode
        .get(DEFAULT, code -> tiers.findFirstByIsDefaultTrue())
        .map(t -> new Entitled(t, null));
  }

  /** A tier and the contract that gives it (null: the profile's or the default tier). */
  public record Entitled(ServiceTier tier, Contract contract) {

    public TierSummary summary() {
      TierSummary.Source source =
          contract != null
              ? TierSummary.Source.CONTRACT
              : tier.isDefault() ? TierSummary.Source.DEFAULT : TierSummary.Source.PROFILE;
      return new TierSummary(
          tier.getId(),
          tier.getCode(),
          tier.getName(),
          source,
          contract == null ? null : contract.getName(),
          contract == null ? null : contract.getEndsOn());
    }
  }
}
