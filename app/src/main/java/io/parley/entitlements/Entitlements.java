package io.parley.entitlements;

import io.parley.customers.CustomerId;
import io.parley.entitlements.internal.BusinessCalendar;
import io.parley.entitlements.internal.Calendars;
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
  private final Calendars calendars;

  Entitlements(
      Tiers tiers,
      ServiceTierRepository serviceTiers,
      ContractRepository contracts,
      Calendars calendars,
      Clock clock) {
    this.calendars = calendars;
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
   * Sets a brand's weekly opening hours in its time zone, each day as ranges like "09:00-18:00"
   * (none: closed). Throws {@link IllegalArgumentException} for a malformed range or a closed week.
   */
  @Transactional
  public void defineBusinessHours(
      io.parley.identity.BrandId brand,
      java.time.ZoneId zone,
      java.util.Map<java.time.DayOfWeek, java.util.List<String>> week) {
    var hours =
        new java.util.EnumMap<java.time.DayOfWeek, java.util.List<BusinessCalendar.Hours>>(
            java.time.DayOfWeek.class);
    week.forEach(
        (day, ranges) ->
            hours.put(
                day,
                ranges.stream()
                    .map(r -> r.split("-", 2))
                    .map(r -> BusinessCalendar.Hours.of(r[0], r[1]))
                    .toList()));
    calendars.define(brand, zone, hours);
  }

  /** Marks a day on which the brand does not work. */
  @Transactional
  public void addHoliday(io.parley.identity.BrandId brand, LocalDate day, String name) {
    calendars.addHoliday(brand, day, name);
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
