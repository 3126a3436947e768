package io.parley.customers;

import io.parley.customers.internal.Customer;
import io.parley.customers.internal.SocialIdentity;
import java.time.Instant;
import java.util.List;

/**
 * Everything on a customer's profile page. {@code stage} is the funnel stage; {@code mergedInto} is
 * set when this customer was merged into another one.
 */
public record CustomerProfile(
    Long id,
    String displayName,
    String language,
    Tier tier,
    String notes,
    List<String> emails,
    List<String> phones,
    List<PostalAddress> addresses,
    List<SocialIdentityData> socialIdentities,
    Instant createdAt,
    Stage stage,
    String crmRef,
    Long mergedInto) {

  static CustomerProfile of(Customer c) {
    return new CustomerProfile(
        c.getId(),
        c.getDisplayName(),
        c.getLanguage(),
        c.getTier(),
        c.getNotes(),
        c.getEmails(),
        c.getPhones(),
        c.getAddresses(),
        c.getSocialIdentities().stream().map(SocialIdentity::toData).toList(),
        c.getCreatedAt(),
        c.getStage(),
        c.getCrmRef(),
        c.getMergedIntoId());
  }

  /** A profile to change, e.g. from the edit form; identities are managed separately. */
  public static CustomerProfile edited(
      String displayName,
      String language,
      Tier tier,
      String notes,
      List<String> emails,
      List<String> phones,
      List<PostalAddress> addresses) {
    return new CustomerProfile(
        null,
        displayName,
        language,
        tier,
        notes,
        emails,
        phones,
        addresses,
        List.of(),
        null,
        null,
        null,
        null);
  }

  /** The summary of the same customer, for the hints that tell namesakes apart. */
  public CustomerSummary summary() {
    return new CustomerSummary(
        new CustomerId(id),
        displayName,
        language,
        tier,
        emails,
        phones,
        addresses.isEmpty() ? null : addresses.get(0).city(),
        stage,
        mergedInto == null ? null : new CustomerId(mergedInto));
  }
}
