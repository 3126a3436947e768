package io.parley.entitlements.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.entitlements.internal.BusinessCalendar.Hours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Business-time arithmetic: plain unit tests, no Spring. */
class BusinessCalendarTests {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static Map<DayOfWeek, List<Hours>> weekdays(Hours... hours) {
    Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
        week.put(d, List.of(hours));
      }
    }
    return week;
  }

  static Map<DayOfWeek, List<Hours>> everyDay(Hours... hours) {
    Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      week.put(d, List.of(hours));
    }
    return week;
  }

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  final BusinessCalendar office =
      BusinessCalendar.of(SHANGHAI, weekdays(Hours.of("09:00", "18:00")), Set.of());

  @Test
  void timeAddedLateOnFridayFallsDueOnMondayMorning() {
    // 2026-11-20 is a Friday.
    Instant due = office.plus(at("2026-11-20T17:00", SHANGHAI), Duration.ofHours(2));
    assertThat(due).isEqualTo(at("2026-11-23T10:00", SHANGHAI));
  }

  @Test
  void timeCarriesOverTheNight() {
    Instant due = office.plus(at("2026-11-24T17:30", SHANGHAI), Duration.ofHours(1));
    assertThat(due).isEqualTo(at("2026-11-25T09:30", SHANGHAI));
  }

  @Test
  void aCaseOpenedBeforeOpeningStartsCountingAtOpening() {
    Instant due = office.plus(at("2026-11-23T07:00", SHANGHAI), Duration.ofMinutes(30));
    assertThat(due).isEqualTo(at("2026-11-23T09:30", SHANGHAI));
  }

  @Test
  void aCaseOpenedOnSaturdayStartsCountingOnMonday() {
    Instant due = office.plus(at("2026-11-21T11:00", SHANGHAI), Duration.ofHours(9));
    assertThat(due).isEqualTo(at("2026-11-23T18:00", SHANGHAI));
  }

  @Test
  void holidaysDoNotCount() {
    var withHoliday =
        BusinessCalendar.of(
            SHANGHAI, weekdays(Hours.of("09:00", "18:00")), Set.of(LocalDate.of(2026, 11, 25)));
    Instant due = withHoliday.plus(at("2026-11-24T17:00", SHANGHAI), Duration.ofHours(2));
    assertThat(due).isEqualTo(at("2026-11-26T10:00", SHANGHAI));
    assertThat(
            withHoliday.between(at("2026-11-24T00:00", SHANGHAI), at("2026-11-27T00:00", SHANGHAI)))
        .isEqualTo(Duration.ofHours(18));
  }

  @Test
  void aLunchBreakDoesNotCount() {
    var split =
        BusinessCalendar.of(
            SHANGHAI, weekdays(Hours.of("09:00", "12:00"), Hours.of("13:00", "18:00")), Set.of());
    assertThat(split.plus(at("2026-11-23T11:30", SHANGHAI), Duration.ofHours(1)))
        .isEqualTo(at("2026-11-23T13:30", SHANGHAI));
    assertThat(split.isOpen(at("2026-11-23T12:30", SHANGHAI))).isFalse();
    assertThat(split.isOpen(at("2026-11-23T13:00", SHANGHAI))).isTrue();
  }

  @Test
  void overlappingHoursOfOneDayAreMerged() {
    var overlapping =
        BusinessCalendar.of(
            SHANGHAI, weekdays(Hours.of("09:00", "14:00"), Hours.of("12:00", "18:00")), Set.of());
    assertThat(
            overlapping.between(at("2026-11-23T00:00", SHANGHAI), at("2026-11-24T00:00", SHANGHAI)))
        .isEqualTo(Duration.ofHours(9));
  }

  @Test
  void businessTimeBetweenSkipsNightsAndWeekends() {
    // Friday 17:00 to Monday 10:00: one hour on Friday, one on Monday.
    assertThat(office.between(at("2026-11-20T17:00", SHANGHAI), at("2026-11-23T10:00", SHANGHAI)))
        .isEqualTo(Duration.ofHours(2));
    assertThat(office.between(at("2026-11-23T10:00", SHANGHAI), at("2026-11-20T17:00", SHANGHAI)))
        .isZero();
  }

  @Test
  void addingThenMeasuringGivesBackTheSameAmount() {
    Instant start = at("2026-11-19T16:47", SHANGHAI);
    for (long minutes : new long[] {1, 59, 60, 540, 541, 1000, 4320, 10_000}) {
      Instant due = office.plus(start, Duration.ofMinutes(minutes));
      assertThat(office.between(start, due)).isEqualTo(Duration.ofMinutes(minutes));
    }
  }

  @Test
  void aDayOfOpeningHoursIsAnHourShorterWhenClocksSpringForward() {
    // 2026-03-08: New York moves from 02:00 EST to 03:00 EDT.
    var allDay = BusinessCalendar.of(NEW_YORK, everyDay(new Hours(0, 1440)), Set.of());
    assertThat(allDay.between(at("2026-03-08T00:00", NEW_YORK), at("2026-03-09T00:00", NEW_YORK)))
        .isEqualTo(Duration.ofHours(23));
    assertThat(allDay.plus(at("2026-03-07T12:00", NEW_YORK), Duration.ofHours(24)))
        .isEqualTo(at("2026-03-08T13:00", NEW_YORK));
    // A night shift 01:00-04:00 on that day is worked for two hours.
    var nightShift = BusinessCalendar.of(NEW_YORK, everyDay(Hours.of("01:00", "04:00")), Set.of());
    assertThat(
            nightShift.between(at("2026-03-08T00:00", NEW_YORK), at("2026-03-08T12:00", NEW_YORK)))
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aDayOfOpeningHoursIsAnHourLongerWhenClocksFallBack() {
    // 2026-11-01: New York moves from 02:00 EDT back to 01:00 EST.
    var allDay = BusinessCalendar.of(NEW_YORK, everyDay(new Hours(0, 1440)), Set.of());
    assertThat(allDay.between(at("2026-11-01T00:00", NEW_YORK), at("2026-11-02T00:00", NEW_YORK)))
        .isEqualTo(Duration.ofHours(25));
  }

  @Test
  void officeHoursAcrossTheDaylightSavingWeekendKeepTheirLocalTimes() {
    var ny = BusinessCalendar.of(NEW_YORK, weekdays(Hours.of("09:00", "17:00")), Set.of());
    // Friday 2026-03-06 16:00 EST + 2 business hours = Monday 10:00 EDT (offset changed).
    Instant due = ny.plus(at("2026-03-06T16:00", NEW_YORK), Duration.ofHours(2));
    assertThat(due).isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
  }

  @Test
  void aroundTheClockCountsEveryMinute() {
    Instant start = Instant.parse("2026-11-21T03:00:00Z");
    assertThat(BusinessCalendar.ALWAYS.plus(start, Duration.ofHours(30)))
        .isEqualTo(start.plus(Duration.ofHours(30)));
    assertThat(BusinessCalendar.ALWAYS.isOpen(start)).isTrue();
  }

  @Test
  void aWeekWithoutOpeningHoursIsRefused() {
    assertThatThrownBy(() -> BusinessCalendar.of(SHANGHAI, Map.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hours.of("18:00", "09:00"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
