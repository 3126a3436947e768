package io.parley.customers;

/** The service tier a customer or organization is entitled to. */
public enum Tier {
  VIP,
  GOLD,
  STANDARD
}
