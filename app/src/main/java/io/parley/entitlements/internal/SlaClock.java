package io.parley.entitlements.internal;

import io.parley.entitlements.SlaMetric;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One SLA clock of a case: business time left towards a target, counted only while it runs. It
 * keeps the time left when it last resumed, so pausing and resuming never lose or double a minute;
 * while it runs it knows when it falls due and when to warn.
 */
@Entity
@Table(name = "entitlements_sla_clock")
public class SlaClock {

  /** Running, paused while the customer is awaited, met, or stopped without being met. */
  public enum State {
    RUNNING,
    PAUSED,
    MET,
    STOPPED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entitlements_sla_clock_seq")
  @SequenceGenerator(name = "entitlements_sla_clock_seq", allocationSize = 50)
  private Long id;

  private Long caseId;
  private Long brandId;
  private Long tierId;

  @Enumerated(EnumType.STRING)
  private SlaMetric metric;

  @Enumerated(EnumType.STRING)
  private State state;

  private int targetMinutes;
  private Instant startedAt;
  private Instant resumedAt;
  private long remainingSeconds;
  private Instant dueAt;
  private Instant warnAt;
  private Instant warnedAt;
  private Instant breachedAt;
  private Instant escalatedAt;
  private Instant metAt;

  @Version private long version;

  protected SlaClock() {}

  SlaClock(Long caseId, Long brandId, Long tierId, SlaMetric metric) {
    this.caseId = caseId;
    this.brandId = brandId;
    this.tierId = tierId;
    this.metric = metric;
  }

  /** Starts (or starts again) from the full target at {@code now}. */
  void start(Duration target, Optional<Duration> warnLead, BusinessCalendar calendar, Instant now) {
    targetMinutes = (int) target.toMinutes();
    remainingSeconds = target.toSeconds();
    state = State.RUNNING;
    startedAt = now;
    resumedAt = now;
    warnedAt = null;
    breachedAt = null;
    escalatedAt = null;
    metAt = null;
    schedule(warnLead, calendar, null, 0);
  }

  /**
   * The case's priority changed: the target becomes {@code target}, counted from the same start, so
   * the business time already used still counts (raised to urgent, a case may be overdue at once,
   * due when the new target was reached; lowered, it gets the longer target's time). A clock that
   * already breached keeps its target and its breach; a met resolution clock takes the new target
   * for when the case reopens. A warning given under the shorter target is given again before the
   * new due time.
   */
  void retarget(
      Duration target, Optional<Duration> warnLead, BusinessCalendar calendar, Instant now) {
    boolean resumable = isActive() || (state == State.MET && metric == SlaMetric.RESOLUTION);
    if (!resumable || breachedAt != null || target.toMinutes() == targetMinutes) {
      return;
    }
    long change = target.toSeconds() - targetMinutes * 60L;
    Instant countedSince = resumedAt;
    long leftThen = remainingSeconds + change;
    targetMinutes = (int) target.toMinutes();
    remainingSeconds = remaining(calendar, now).toSeconds() + change;
    if (warnedAt != null
        && warnLead.filter(lead -> remainingSeconds > lead.toSeconds()).isPresent()) {
      warnedAt = null;
    }
    if (state == State.RUNNING) {
      resumedAt = now;
      schedule(warnLead, calendar, countedSince, leftThen);
    }
  }

  /** The customer is awaited: the clock stops counting and keeps the time it had left. */
  void pause(BusinessCalendar calendar, Instant now) {
    if (state != State.RUNNING) {
      return;
    }
    remainingSeconds = remaining(calendar, now).toSeconds();
    state = State.PAUSED;
    resumedAt = null;
    dueAt = null;
    warnAt = null;
  }

  /** Counts again from the time it had left. */
  void resume(Optional<Duration> warnLead, BusinessCalendar calendar, Instant now) {
    if (state != State.PAUSED && state != State.MET) {
      return;
    }
    state = State.RUNNING;
    resumedAt = now;
    metAt = null;
    schedule(warnLead, calendar, null, 0);
  }

  /** The target was reached (the agent answered, the case was solved), in time or late. */
  void meet(BusinessCalendar calendar, Instant now) {
    finish(State.MET, calendar, now);
  }

  /** No longer measured (e.g. a case solved without any reply has no first response). */
  void stop(BusinessCalendar calendar, Instant now) {
    finish(State.STOPPED, calendar, now);
  }

  private void finish(State end, BusinessCalendar calendar, Instant now) {
    if (state != State.RUNNING && state != State.PAUSED) {
      return;
    }
    remainingSeconds = remaining(calendar, now).toSeconds();
    if (remainingSeconds < 0 && breachedAt == null) {
      breachedAt = dueAt != null && dueAt.isBefore(now) ? dueAt : reachedAt(calendar, null, 0, now);
    }
    state = end;
    metAt = now;
    resumedAt = null;
    dueAt = null;
    warnAt = null;
  }

  /** The warning was given. */
  void warned(Instant now) {
    warnedAt = now;
  }

  /** The due time passed while the clock ran, and the escalation was done. */
  void breached(Instant now) {
    breachedAt = dueAt;
    escalatedAt = now;
    if (warnedAt == null) {
      warnedAt = now;
    }
  }

  boolean isWarningDue(Instant now) {
    return state == State.RUNNING && warnedAt == null && warnAt != null && !warnAt.isAfter(now);
  }

  boolean isBreachDue(Instant now) {
    return state == State.RUNNING && breachedAt == null && dueAt != null && !dueAt.isAfter(now);
  }

  /** Business time left at {@code now}: negative once overdue. */
  public Duration remaining(BusinessCalendar calendar, Instant now) {
    if (state != State.RUNNING) {
      return Duration.ofSeconds(remainingSeconds);
    }
    return Duration.ofSeconds(remainingSeconds).minus(calendar.between(resumedAt, now));
  }

  /**
   * When it falls due and when to warn, from the time left at {@code resumedAt}. Overdue already,
   * it fell due when its target was reached ({@link #reachedAt}, given the time {@code leftThen} it
   * had at {@code countedSince}): a past due time says when the target was missed, and the sweep
   * escalates it on its next round.
   */
  private void schedule(
      Optional<Duration> warnLead, BusinessCalendar calendar, Instant countedSince, long leftThen) {
    Duration left = Duration.ofSeconds(remainingSeconds);
    dueAt =
        left.isNegative() || left.isZero()
            ? reachedAt(calendar, countedSince, leftThen, resumedAt)
            : calendar.plus(resumedAt, left);
    warnAt = null;
    if (warnedAt == null && warnLead.isPresent()) {
      Duration lead = warnLead.get();
      warnAt = left.compareTo(lead) > 0 ? calendar.plus(resumedAt, left.minus(lead)) : resumedAt;
    }
  }

  /**
   * When the target of a clock overdue at {@code now} was reached: exactly, if it has counted
   * without a break since {@code countedSince}, when {@code leftThen} was left; otherwise it was
   * reached before the clock last paused, whose time is not kept, so its start plus its target
   * (exact unless it also paused before then), never after {@code now}.
   */
  private Instant reachedAt(
      BusinessCalendar calendar, Instant countedSince, long leftThen, Instant now) {
    Instant reached =
        countedSince != null && leftThen >= 0
            ? calendar.plus(countedSince, Duration.ofSeconds(leftThen))
            : calendar.plus(startedAt, Duration.ofMinutes(targetMinutes));
    return reached.isAfter(now) ? now : reached;
  }

  public Long getId() {
    return id;
  }

  public Long getCaseId() {
    return caseId;
  }

  public Long getBrandId() {
    return brandId;
  }

  public Long getTierId() {
    return tierId;
  }

  public SlaMetric getMetric() {
    return metric;
  }

  public State getState() {
    return state;
  }

  public int getTargetMinutes() {
    return targetMinutes;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getDueAt() {
    return dueAt;
  }

  public Instant getWarnAt() {
    return warnAt;
  }

  public Instant getWarnedAt() {
    return warnedAt;
  }

  public Instant getBreachedAt() {
    return breachedAt;
  }

  public Instant getEscalatedAt() {
    return escalatedAt;
  }

  public Instant getMetAt() {
    return metAt;
  }

  public boolean isActive() {
    return state == State.RUNNING || state == State.PAUSED;
  }
}
