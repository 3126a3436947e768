package io.parley.customers;

import io.parley.identity.UserId;

/** Someone opened a customer's record (profile page or API); announced for the audit trail. */
public record CustomerViewed(CustomerId customer, UserId viewer, String via) {}
