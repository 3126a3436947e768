package io.parley.routing;

/** How an auto-assigning queue picks among the agents who can take a case now. */
public enum AssignmentPolicy {
  /** Members in turn, after the one who got the last case of this queue. */
  ROUND_ROBIN,
  /** The agent holding the fewest active cases; ties go to the longest idle. */
  LEAST_LOADED,
  /** The agent whose last assignment (from any queue) is the oldest; never assigned first. */
  LONGEST_IDLE
}
