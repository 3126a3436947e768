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
 * while it runs it knows when it falls due and when to warn. Suspended while the case's priority
 * has no target for it, it still counts the time used, so a priority that measures it again takes
 * it back from its start.
 */
@Entity
@Table(name = "entitlements_sla_clock")
public class SlaClock {

  /**
   * Running, paused while the customer is awaited, met, stopped without being met, or suspended:
   * not measured at the case's priority, so never due nor breached; it counts the time used as a
   * running clock would (while {@code resumedAt} is set) and notes when what it measures happened
   * ({@code metAt}).
   */
  public enum State {
    RUNNING,
    PAUSED,
    MET,
    STOPPED,
    SUSPENDED
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

  /** Starts at {@code now} suspended: the case's priority has no target for it, another one has. */
  void startSuspended(Instant now) {
    targetMinutes = 0;
    remainingSeconds = 0;
    state = State.SUSPENDED;
    startedAt = now;
    resumedAt = now;
    dueAt = null;
    warnAt = null;
    warnedAt = null;
    breachedAt = null;
    escalatedAt = null;
    metAt = null;
  }

  /**
   * The case's priority changed: the target becomes {@code target}, counted from the same start, so
   * the business time already used still counts (raised to urgent, a case may be overdue at once,
   * due when the new target was reached; lowered, it gets the longer target's time). A clock that
   * already breached keeps its target and its breach; a met resolution clock takes the new target
   * for when the case reopens; a suspended clock is measured again, met if what it measures
   * happened meanwhile (breached when the target was reached, if that was before). A warning given
   * under the shorter target is given again before the new due time.
   */
  void retarget(
      Duration target, Optional<Duration> warnLead, BusinessCalendar calendar, Instant now) {
    boolean suspended = state == State.SUSPENDED;
    if (!suspended
        && (!isResumable() || breachedAt != null || target.toMinutes() == targetMinutes)) {
      return;
    }
    Duration measured = breachedAt != null ? Duration.ofMinutes(targetMinutes) : target;
    long change = measured.toSeconds() - targetMinutes * 60L;
    Instant countedSince = counting() ? resumedAt : null;
    long leftThen = remainingSeconds + change;
    targetMinutes = (int) measured.toMinutes();
    remainingSeconds = remaining(calendar, now).toSeconds() + change;
    if (warnedAt != null
        && warnLead.filter(lead -> remainingSeconds > lead.toSeconds()).isPresent()) {
      warnedAt = null;
    }
    if (suspended) {
      state = metAt != null ? State.MET : countedSince != null ? State.RUNNING : State.PAUSED;
      resumedAt = null;
      if (state == State.MET && remainingSeconds < 0 && breachedAt == null) {
        // What it measures happened while not measured, later than the target it has now.
        breachedAt = reachedAt(calendar, null, 0, metAt);
      }
    }
    if (state == State.RUNNING) {
      resumedAt = now;
      schedule(warnLead, calendar, countedSince, leftThen);
    }
  }

  /**
   * The case's new priority has no target for it: no longer due, it cannot breach, and it goes on
   * counting the time used for a priority that measures it again. A breach it had stays on record.
   */
  void suspend(BusinessCalendar calendar, Instant now) {
    if (!isResumable()) {
      return;
    }
    remainingSeconds = remaining(calendar, now).toSeconds();
    resumedAt = state == State.RUNNING ? now : null;
    state = State.SUSPENDED;
    dueAt = null;
    warnAt = null;
  }

  /** The customer is awaited: the clock stops counting and keeps the time it had left. */
  void pause(BusinessCalendar calendar, Instant now) {
    if (!counting()) {
      return;
    }
    remainingSeconds = remaining(calendar, now).toSeconds();
    if (state == State.RUNNING) {
      state = State.PAUSED;
    }
    resumedAt = null;
    dueAt = null;
    warnAt = null;
  }

  /**
   * Counts again from the time it had left; a suspended clock too, unless what it measures happened
   * (a solved case's resolution counts again when it reopens).
   */
  void resume(Optional<Duration> warnLead, BusinessCalendar calendar, Instant now) {
    if (state == State.SUSPENDED) {
      if (resumedAt == null && (metAt == null || metric == SlaMetric.RESOLUTION)) {
        resumedAt = now;
        metAt = null;
      }
      return;
    }
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
    boolean suspended = state == State.SUSPENDED;
    if (!isOutstanding()) {
      return;
    }
    remainingSeconds = remaining(calendar, now).toSeconds();
    if (!suspended && remainingSeconds < 0 && breachedAt == null) {
      breachedAt = dueAt != null && dueAt.isBefore(now) ? dueAt : reachedAt(calendar, null, 0, now);
    }
    // Met while suspended, it stays so: a priority that measures it again finds it met then.
    state = suspended && end == State.MET ? State.SUSPENDED : end;
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

  /**
   * Business time left at {@code now}: negative once overdue. A suspended clock keeps it against
   * the target it last had (none: the time used, negated).
   */
  public Duration remaining(BusinessCalendar calendar, Instant now) {
    if (!counting()) {
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

  public boolean isSuspended() {
    return state == State.SUSPENDED;
  }

  /** Still waiting for what it measures: running, paused, or suspended and not met yet. */
  public boolean isOutstanding() {
    return isActive() || (state == State.SUSPENDED && metAt == null);
  }

  /** Still measuring, or a met resolution that measures again if the case reopens. */
  private boolean isResumable() {
    return isActive() || (state == State.MET && metric == SlaMetric.RESOLUTION);
  }

  /** Counting business time: running, or suspended while the customer is not awaited. */
  private boolean counting() {
    return state == State.RUNNING || (state == State.SUSPENDED && resumedAt != null);
  }
}
