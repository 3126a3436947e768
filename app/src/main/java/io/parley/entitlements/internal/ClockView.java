package io.parley.entitlements.internal;

import io.parley.conversations.CaseStatus;
import io.parley.conversations.Priority;
import io.parley.entitlements.SlaMetric;
import java.time.Duration;
import java.time.Instant;

/** An SLA clock as the console shows it, with its case and business time left at view time. */
public record ClockView(
    String reference,
    String subject,
    CaseStatus status,
    Priority priority,
    SlaMetric metric,
    SlaClock.State state,
    int targetMinutes,
    Instant dueAt,
    Duration remaining,
    boolean warned,
    boolean breached,
    Instant metAt) {

  static ClockView of(
      SlaClock c,
      String reference,
      String subject,
      CaseStatus status,
      Priority priority,
      BusinessCalendar calendar,
      Instant now) {
    // A suspended clock has no target at the case's priority: nothing is left or overdue.
    Duration remaining = c.isSuspended() ? Duration.ZERO : c.remaining(calendar, now);
    return new ClockView(
        reference,
        subject,
        status,
        priority,
        c.getMetric(),
        c.getState(),
        c.getTargetMinutes(),
        c.getDueAt(),
        remaining,
        c.getWarnedAt() != null,
        c.getBreachedAt() != null || (c.isActive() && remaining.isNegative()),
        c.getMetAt());
  }

  public boolean overdue() {
    return remaining.isNegative();
  }

  public boolean paused() {
    return state == SlaClock.State.PAUSED;
  }

  public boolean running() {
    return state == SlaClock.State.RUNNING;
  }

  /** Not measured at the case's priority (it may be again at another). */
  public boolean suspended() {
    return state == SlaClock.State.SUSPENDED;
  }

  /** Whole hours of the business time left (or overdue). */
  public long hours() {
    return remaining.abs().toHours();
  }

  /** Minutes beyond the whole hours. */
  public long minutes() {
    return remaining.abs().toMinutesPart();
  }
}
