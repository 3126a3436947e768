package io.parley.entitlements.internal;

import io.parley.identity.BrandId;
import io.parley.shared.AfterCommit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The business calendar of each brand: its opening hours and holidays. A brand without opening
 * hours counts around the clock.
 *
 * <p>Every case opening and every message asks for its brand's calendar, and calendars change a few
 * times a year, so each brand's is kept in memory: dropped on this node when it changes here (after
 * commit) and re-read at most {@link #FRESH} later on other nodes.
 */
@Component
public class Calendars {

  /** How long another node's change to a calendar may go unseen here. */
  static final Duration FRESH = Duration.ofSeconds(30);

  private final BusinessHoursRepository hours;
  private final HolidayRepository holidays;
  private final Map<Long, Known> known = new ConcurrentHashMap<>();

  /** A brand's zone and calendar as read at {@code readAt} (System.nanoTime). */
  private record Known(ZoneId zone, BusinessCalendar calendar, long readAt) {}

  Calendars(BusinessHoursRepository hours, HolidayRepository holidays) {
    this.hours = hours;
    this.holidays = holidays;
  }

  /** The calendar an SLA of this tier counts in for this brand. */
  public BusinessCalendar of(BrandId brand, boolean aroundTheClock) {
    if (aroundTheClock) {
      return BusinessCalendar.ALWAYS;
    }
    return known(brand).calendar();
  }

  /** The brand's zone for dates (contracts, holidays); UTC when the brand has no hours. */
  public ZoneId zoneOf(BrandId brand) {
    return known(brand).zone();
  }

  private Known known(BrandId brand) {
    Known cached = known.get(brand.value());
    long now = System.nanoTime();
    if (cached != null && now - cached.readAt() < FRESH.toNanos()) {
      return cached;
    }
    Known read =
        hours
            .findById(brand.value())
            .map(
                h ->
                    new Known(
                        h.zone(),
                        BusinessCalendar.of(
                            h.zone(),
                            h.week(),
                            holidays.findByBrandIdOrderByDay(brand.value()).stream()
                                .map(Holiday::getDay)
                                .collect(Collectors.toSet())),
                        now))
            .orElse(new Known(ZoneOffset.UTC, BusinessCalendar.ALWAYS, now));
    known.put(brand.value(), read);
    return read;
  }

  /** Forgets a brand's calendar now and again once the change commits (dropping a read between). */
  private void changed(BrandId brand) {
    known.remove(brand.value());
    AfterCommit.run(() -> known.remove(brand.value()));
  }

  /** Sets a brand's weekly opening hours. */
  @Transactional
  public void define(
      BrandId brand, ZoneId zone, Map<DayOfWeek, List<BusinessCalendar.Hours>> week) {
    BusinessHours existing =
        hours.findById(brand.value()).orElseGet(() -> new BusinessHours(brand.value()));
    existing.replace(zone, week, java.time.Instant.now());
    hours.save(existing);
    changed(brand);
  }

  /** Adds a holiday; a day already marked is left as it is. */
  @Transactional
  public void addHoliday(BrandId brand, java.time.LocalDate day, String name) {
    if (!holidays.existsByBrandIdAndDay(brand.value(), day)) {
      holidays.save(new Holiday(brand.value(), day, name));
      changed(brand);
    }
  }

  @Transactional
  public void removeHoliday(BrandId brand, long id) {
    holidays
        .findById(id)
        .filter(h -> h.getBrandId().equals(brand.value()))
        .ifPresent(
            h -> {
              holidays.delete(h);
              changed(brand);
            });
  }
}
