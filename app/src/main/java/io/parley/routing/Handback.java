package io.parley.routing;

/**
 * Which of an agent's cases in an auto-assigning queue go back to it when the agent goes offline.
 */
public enum Handback {
  /** Active cases nobody has answered yet. */
  NOT_STARTED,
  /** Every active case. */
  ALL_OPEN,
  /** None: the agent keeps them. */
  NONE
}
