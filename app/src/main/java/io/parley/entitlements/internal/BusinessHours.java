package io.parley.entitlements.internal;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A brand's weekly opening hours in its time zone. */
@Entity
@Table(name = "entitlements_business_hours")
public class BusinessHours {

  @Id private Long brandId;
  private String timeZone;
  private Instant updatedAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "entitlements_business_interval",
      joinColumns = @JoinColumn(name = "brand_id"))
  private List<Interval> intervals = new ArrayList<>();

  @Version private long version;

  /** Opening hours on one weekday (1 = Monday), in minutes of the local day. */
  @Embeddable
  public static class Interval {
    private int dayOfWeek;
    private int startMinute;
    private int endMinute;

    protected Interval() {}

    Interval(DayOfWeek day, BusinessCalendar.Hours hours) {
      this.dayOfWeek = day.getValue();
      this.startMinute = hours.startMinute();
      this.endMinute = hours.endMinute();
    }
  }

  protected BusinessHours() {}

  public BusinessHours(Long brandId) {
    this.brandId = brandId;
  }

  /** Replaces the schedule; refuses a week without any opening hours or an unknown zone. */
  public void replace(ZoneId zone, Map<DayOfWeek, List<BusinessCalendar.Hours>> week, Instant at) {
    BusinessCalendar.of(zone, week, java.util.Set.of());
    this.timeZone = zone.getId();
    intervals.clear();
    week.forEach((day, hours) -> hours.forEach(h -> intervals.add(new Interval(day, h))));
    this.updatedAt = at;
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  public Map<DayOfWeek, List<BusinessCalendar.Hours>> week() {
    Map<DayOfWeek, List<BusinessCalendar.Hours>> week = new EnumMap<>(DayOfWeek.class);
    for (Interval i : intervals) {
      week.computeIfAbsent(DayOfWeek.of(i.dayOfWeek), d -> new ArrayList<>())
          .add(new BusinessCalendar.Hours(i.startMinute, i.endMinute));
    }
    week.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(h -> h.startMinute())));
    return week;
  }

  public Long getBrandId() {
    return brandId;
  }
}
