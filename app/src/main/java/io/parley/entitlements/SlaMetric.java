package io.parley.entitlements;

/** What an SLA clock measures. */
public enum SlaMetric {
  /** From the opening of a case to the first public reply of an agent. */
  FIRST_RESPONSE,
  /** From the oldest unanswered customer message to the next public reply of an agent. */
  NEXT_RESPONSE,
  /** From the opening of a case until it is solved. */
  RESOLUTION
}
