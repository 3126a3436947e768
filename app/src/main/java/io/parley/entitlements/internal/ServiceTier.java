package io.parley.entitlements.internal;

import io.parley.conversations.Priority;
import io.parley.entitlements.SlaMetric;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A service tier (VIP, gold, standard...) and its SLA policy: targets per metric, optionally per
 * priority; counted around the clock or in the brand's business hours; when to warn; what to do on
 * breach; and the queue its customers' new cases go to.
 */
@Entity
@Table(name = "entitlements_tier")
public class ServiceTier {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entitlements_tier_seq")
  @SequenceGenerator(name = "entitlements_tier_seq", allocationSize = 50)
  private Long id;

  private String code;
  private String name;
  private int rankOrder;
  private boolean isDefault;
  private boolean aroundTheClock;
  private Integer firstResponseMinutes;
  private Integer nextResponseMinutes;
  private Integer resolutionMinutes;
  private Integer warnPercent;
  private Integer warnMinutesBefore;
  private boolean notifyOnBreach;

  @Enumerated(EnumType.STRING)
  private Priority breachPriority;

  private Long breachQueueId;
  private Long breachAssigneeId;
  private Long routeQueueId;
  private Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "entitlements_tier_target", joinColumns = @JoinColumn(name = "tier_id"))
  private List<Target> targets = new ArrayList<>();

  @Version private long version;

  /** Targets for one priority; null minutes fall back to the tier's. */
  @Embeddable
  public static class Target {
    @Enumerated(EnumType.STRING)
    @Column(name = "priority")
    private Priority priority;

    private Integer firstResponseMinutes;
    private Integer nextResponseMinutes;
    private Integer resolutionMinutes;

    protected Target() {}

    public Target(Priority priority, Integer first, Integer next, Integer resolution) {
      this.priority = priority;
      this.firstResponseMinutes = first;
      this.nextResponseMinutes = next;
      this.resolutionMinutes = resolution;
    }

    public Priority getPriority() {
      return priority;
    }

    public Integer minutes(SlaMetric metric) {
      return switch (metric) {
        case FIRST_RESPONSE -> firstResponseMinutes;
        case NEXT_RESPONSE -> nextResponseMinutes;
        case RESOLUTION -> resolutionMinutes;
      };
    }

    boolean isEmpty() {
      return firstResponseMinutes == null
          && nextResponseMinutes == null
          && resolutionMinutes == null;
    }
  }

  protected ServiceTier() {}

  public ServiceTier(String code, String name, int rankOrder) {
    this.code = code;
    this.name = name;
    this.rankOrder = rankOrder;
    this.createdAt = Instant.now();
  }

  /** The target for a metric on a case of this priority; empty when the tier does not track it. */
  public Optional<Duration> target(SlaMetric metric, Priority priority) {
    Integer minutes = null;
    for (Target t : targets) {
      if (t.priority == priority) {
        minutes = t.minutes(metric);
      }
    }
    if (minutes == null) {
      minutes =
          switch (metric) {
            case FIRST_RESPONSE -> firstResponseMinutes;
            case NEXT_RESPONSE -> nextResponseMinutes;
            case RESOLUTION -> resolutionMinutes;
          };
    }
    return minutes == null || minutes <= 0
        ? Optional.empty()
        : Optional.of(Duration.ofMinutes(minutes));
  }

  /** Whether the tier has a target for the metric at some priority. */
  public boolean measures(SlaMetric metric) {
    return java.util.Arrays.stream(Priority.values()).anyMatch(p -> target(metric, p).isPresent());
  }

  /**
   * How much business time before the due time the warning comes: the larger of "at N % of the
   * target" and "N minutes before"; empty when the tier does not warn.
   */
  public Optional<Duration> warningBefore(Duration target) {
    Duration lead = null;
    if (warnPercent != null && warnPercent > 0 && warnPercent < 100) {
      lead = target.multipliedBy(100 - warnPercent).dividedBy(100);
    }
    if (warnMinutesBefore != null && warnMinutesBefore > 0) {
      Duration before = Duration.ofMinutes(warnMinutesBefore);
      lead = lead == null || before.compareTo(lead) > 0 ? before : lead;
    }
    return Optional.ofNullable(lead);
  }

  /** Changes the policy; the form has checked the values. */
  public void define(
      String code,
      String name,
      int rankOrder,
      boolean aroundTheClock,
      Integer firstResponseMinutes,
      Integer nextResponseMinutes,
      Integer resolutionMinutes,
      Integer warnPercent,
      Integer warnMinutesBefore) {
    this.code = code;
    this.name = name;
    this.rankOrder = rankOrder;
    this.aroundTheClock = aroundTheClock;
    this.firstResponseMinutes = firstResponseMinutes;
    this.nextResponseMinutes = nextResponseMinutes;
    this.resolutionMinutes = resolutionMinutes;
    this.warnPercent = warnPercent;
    this.warnMinutesBefore = warnMinutesBefore;
  }

  /** What happens on breach, and which queue the tier's new cases go to (null: no change). */
  public void escalate(
      boolean notify, Priority raiseTo, Long toQueue, Long toAssignee, Long routeQueue) {
    this.notifyOnBreach = notify;
    this.breachPriority = raiseTo;
    this.breachQueueId = toQueue;
    this.breachAssigneeId = toAssignee;
    this.routeQueueId = routeQueue;
  }

  public void retarget(List<Target> perPriority) {
    targets.clear();
    perPriority.stream().filter(t -> !t.isEmpty()).forEach(targets::add);
  }

  void makeDefault(boolean value) {
    this.isDefault = value;
  }

  public Long getId() {
    return id;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  public int getRankOrder() {
    return rankOrder;
  }

  public boolean isDefault() {
    return isDefault;
  }

  public boolean isAroundTheClock() {
    return aroundTheClock;
  }

  public Integer getFirstResponseMinutes() {
    return firstResponseMinutes;
  }

  public Integer getNextResponseMinutes() {
    return nextResponseMinutes;
  }

  public Integer getResolutionMinutes() {
    return resolutionMinutes;
  }

  public Integer getWarnPercent() {
    return warnPercent;
  }

  public Integer getWarnMinutesBefore() {
    return warnMinutesBefore;
  }

  public boolean isNotifyOnBreach() {
    return notifyOnBreach;
  }

  public Priority getBreachPriority() {
    return breachPriority;
  }

  public Long getBreachQueueId() {
    return breachQueueId;
  }

  public Long getBreachAssigneeId() {
    return breachAssigneeId;
  }

  public Long getRouteQueueId() {
    return routeQueueId;
  }

  public List<Target> getTargets() {
    return List.copyOf(targets);
  }

  /** The per-priority override for the form, if any. */
  public Integer targetMinutes(Priority priority, SlaMetric metric) {
    return targets.stream()
        .filter(t -> t.priority == priority)
        .map(t -> t.minutes(metric))
        .findFirst()
        .orElse(null);
  }

  public long getVersion() {
    return version;
  }
}
