/**
 * Entitlements decides what service a customer is owed: service tiers (VIP, gold, standard...)
 * given by contracts, each with an SLA policy measured in business hours per brand, clocks on every
 * case that pause while the customer is awaited, and warnings and escalations before and on breach.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"conversations", "customers", "identity", "routing", "shared"})
package io.parley.entitlements;
