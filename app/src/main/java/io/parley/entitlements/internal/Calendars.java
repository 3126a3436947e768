package io.parley.entitlements.internal;

import io.parley.identity.BrandId;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The business calendar of each brand: its opening hours and holidays. A brand without opening
 * hours counts around the clock.
 */
@Component
public class Calendars {

  private final BusinessHoursRepository hours;
  private final HolidayRepository holidays;

  Calendars(BusinessHoursRepository hours, HolidayRepository holidays) {
    this.hours = hours;
    this.holidays = holidays;
  }

  /** The calendar an SLA of this tier counts in for this brand. */
  @Transactional(readOnly = true)
  public BusinessCalendar of(BrandId brand, boolean aroundTheClock) {
    if (aroundTheClock) {
      return BusinessCalendar.ALWAYS;
    }
    return hours
        .findById(brand.value())
        .map(
            h ->
                BusinessCalendar.of(
                    h.zone(),
                    h.week(),
                    holidays.findByBrandIdOrderByDay(brand.value()).stream()
                        .map(Holiday::getDay)
                        .collect(Collectors.toSet())))
        .orElse(BusinessCalendar.ALWAYS);
  }

  /** The brand's zone for dates (contracts, holidays); UTC when the brand has no hours. */
  @Transactional(readOnly = true)
  public ZoneId zoneOf(BrandId brand) {
    return hours.findById(brand.value()).map(BusinessHours::zone).orElse(java.time.ZoneOffset.UTC);
  }

  /** Sets a brand's weekly opening hours. */
  @Transactional
  public void define(
      BrandId brand, ZoneId zone, Map<DayOfWeek, List<BusinessCalendar.Hours>> week) {
    BusinessHours existing =
        hours.findById(brand.value()).orElseGet(() -> new BusinessHours(brand.value()));
    existing.replace(zone, week, java.time.Instant.now());
    hours.save(existing);
  }

  /** Adds a holiday; a day already marked is left as it is. */
  @Transactional
  public void addHoliday(BrandId brand, java.time.LocalDate day, String name) {
    if (!holidays.existsByBrandIdAndDay(brand.value(), day)) {
      holidays.save(new Holiday(brand.value(), day, name));
    }
  }

  @Transactional
  public void removeHoliday(BrandId brand, long id) {
    holidays
        .findById(id)
        .filter(h -> h.getBrandId().equals(brand.value()))
        .ifPresent(holidays::delete);
  }
}
