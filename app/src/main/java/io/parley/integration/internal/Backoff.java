package io.parley.integration.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker's essentials: after {@code threshold} failures in a row, no calls for a pause
 * that doubles with each further failure (up to a maximum); one trial call after the pause decides
 * whether calls resume.
 */
public final class Backoff {

  private final int threshold;
  private final Duration first;
  private final Duration max;
  private final Clock clock;
  private int failures;
  private Instant openUntil = Instant.MIN;
  private boolean trialRunning;

  public Backoff(int threshold, Duration first, Duration max, Clock clock) {
    this.threshold = threshold;
    this.first = first;
    this.max = max;
    this.clock = clock;
  }

  /** Whether a call may go out now (while paused: no; after the pause: one trial). */
  public synchronized boolean allows() {
    if (failures < threshold) {
      return true;
    }
    if (clock.instant().isBefore(openUntil) || trialRunning) {
      return false;
    }
    trialRunning = true;
    return true;
  }

  public synchronized void succeeded() {
    failures = 0;
    trialRunning = false;
    openUntil = Instant.MIN;
  }

  public synchronized void failed() {
    failures++;
    trialRunning = false;
    if (failures >= threshold) {
      long factor = 1L << Math.min(10, failures - threshold);
      Duration pause = first.multipliedBy(factor);
      openUntil = clock.instant().plus(pause.compareTo(max) > 0 ? max : pause);
    }
  }

  public synchronized boolean isOpen() {
    return failures >= threshold && clock.instant().isBefore(openUntil);
  }

  public synchronized void reset() {
    succeeded();
  }
}
