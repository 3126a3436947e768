package io.parley.entitlements.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a brand works: a weekly schedule of opening hours in a time zone, minus holidays; or around
 * the clock. Adds business time to an instant and measures business time between two instants, in
 * real elapsed time inside the local opening hours (a 09:00–18:00 day is 9 hours also on a day the
 * clocks change; a shift spanning the change is an hour shorter or longer, as worked).
 */
public final class BusinessCalendar {

  /** Every minute counts (24×7). */
  public static final BusinessCalendar ALWAYS =
      new BusinessCalendar(ZoneOffset.UTC, Map.of(), Set.of(), true);

  /** A calendar whose opening hours are all closed for this long is refused as never open. */
  private static final int MAX_CLOSED_DAYS = 3 * 366;

  /** Opening hours on one weekday, in minutes of the local day; {@code end} may be 1440. */
  public record Hours(int startMinute, int endMinute) {
    public Hours {
      if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
        throw new IllegalArgumentException("hours.invalid");
      }
    }

    public static Hours of(String start, String end) {
      return new Hours(minuteOf(start), minuteOf(end));
    }

    static int minuteOf(String hhmm) {
      if ("24:00".equals(hhmm.strip())) {
        return 1440;
      }
      LocalTime t = LocalTime.parse(hhmm.strip());
      return t.getHour() * 60 + t.getMinute();
    }

    @Override
    public String toString() {
      return "%02d:%02d-%02d:%02d"
          .formatted(startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60);
    }
  }

  private final ZoneId zone;
  private final Map<DayOfWeek, List<Hours>> week;
  private final Set<LocalDate> holidays;
  private final boolean always;

  private BusinessCalendar(
      ZoneId zone, Map<DayOfWeek, List<Hours>> week, Set<LocalDate> holidays, boolean always) {
    this.zone = zone;
    this.week = week;
    this.holidays = holidays;
    this.always = always;
  }

  /**
   * Opening hours per weekday (overlapping hours of one day are merged), closed on the holidays.
   * Refuses a week with no opening hours at all.
   */
  public static BusinessCalendar of(
      ZoneId zone, Map<DayOfWeek, List<Hours>> week, Set<LocalDate> holidays) {
    Map<DayOfWeek, List<Hours>> merged = new EnumMap<>(DayOfWeek.class);
    week.forEach(
        (day, hours) -> {
          if (!hours.isEmpty()) {
            merged.put(day, merge(hours));
          }
        });
    if (merged.isEmpty()) {
      throw new IllegalArgumentException("hours.none");
    }
    return new BusinessCalendar(zone, Map.copyOf(merged), Set.copyOf(holidays), false);
  }

  public boolean isAlways() {
    return always;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The instant when {@code amount} of business time has passed after {@code start}. */
  public Instant plus(Instant start, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("negative business time");
    }
    if (always) {
      return start.plus(amount);
    }
    Duration left = amount;
    LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
    int closedDays = 0;
    while (true) {
      boolean opened = false;
      for (Window w : windowsOn(day)) {
        if (!w.end.isAfter(start)) {
          continue;
        }
        opened = true;
        Instant from = w.start.isAfter(start) ? w.start : start;
        Duration available = Duration.between(from, w.end);
        if (available.compareTo(left) >= 0) {
          return from.plus(left);
        }
        left = left.minus(available);
      }
      closedDays = opened ? 0 : closedDays + 1;
      if (closedDays > MAX_CLOSED_DAYS) {
        throw new IllegalStateException("calendar never opens");
      }
      day = day.plusDays(1);
    }
  }

  /**
   * Business time from {@code from} to {@code to}; zero if {@code to} is not after {@code from}.
   */
  public Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (always) {
      return Duration.between(from, to);
    }
    Duration total = Duration.ZERO;
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      for (Window w : windowsOn(day)) {
        Instant s = w.start.isAfter(from) ? w.start : from;
        Instant e = w.end.isBefore(to) ? w.end : to;
        if (e.isAfter(s)) {
          total = total.plus(Duration.between(s, e));
        }
      }
    }
    return total;
  }

  /** Whether the brand is open at this instant. */
  public boolean isOpen(Instant at) {
    if (always) {
      return true;
    }
    LocalDate day = at.atZone(zone).toLocalDate();
    for (LocalDate d = day.minusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
      for (Window w : windowsOn(d)) {
        if (!at.isBefore(w.start) && at.isBefore(w.end)) {
          return true;
        }
      }
    }
    return false;
  }

  private record Window(Instant start, Instant end) {}

  /** The day's opening hours as instants; none on a holiday. */
  private List<Window> windowsOn(LocalDate day) {
    if (holidays.contains(day)) {
      return List.of();
    }
    List<Hours> hours = week.getOrDefault(day.getDayOfWeek(), List.of());
    List<Window> windows = new ArrayList<>(hours.size());
    for (Hours h : hours) {
      Instant start = instantOf(day, h.startMinute());
      Instant end = instantOf(day, h.endMinute());
      if (end.isAfter(start)) {
        windows.add(new Window(start, end));
      }
    }
    return windows;
  }

  /**
   * A local time of a day as an instant: in a spring-forward gap it moves forward by the gap, in a
   * fall-back overlap it is the earlier instant (java.time's rules for ZonedDateTime.of).
   */
  private Instant instantOf(LocalDate day, int minute) {
    if (minute == 1440) {
      return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
    return day.atTime(minute / 60, minute % 60).atZone(zone).toInstant();
  }

  private static List<Hours> merge(List<Hours> hours) {
    List<Hours> sorted = new ArrayList<>(hours);
    sorted.sort(Comparator.comparingInt(Hours::startMinute));
    List<Hours> merged = new ArrayList<>();
    for (Hours h : sorted) {
      if (!merged.isEmpty() && merged.get(merged.size() - 1).endMinute() >= h.startMinute()) {
        Hours last = merged.remove(merged.size() - 1);
        merged.add(new Hours(last.startMinute(), Math.max(last.endMinute(), h.endMinute())));
      } else {
        merged.add(h);
      }
    }
    return List.copyOf(merged);
  }
}
