package io.parley.entitlements;

import java.time.LocalDate;

/**
 * The service tier a customer is entitled to and where it comes from: a contract (named, with its
 * end date if any), the tier on the customer's profile, or the default tier.
 */
public record TierSummary(
    long id, String code, String name, Source source, String contract, LocalDate until) {

  public enum Source {
    CONTRACT,
    PROFILE,
    DEFAULT
  }
}
