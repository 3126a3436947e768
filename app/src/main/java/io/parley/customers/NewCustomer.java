package io.parley.customers;

import java.util.List;

/** What it takes to register a customer; lists may be empty but not null. */
public record NewCustomer(
    String displayName,
    String language,
    Tier tier,
    List<String> emails,
    List<String> phones,
    List<PostalAddress> addresses,
    List<SocialIdentityData> socialIdentities,
    String notes) {}
