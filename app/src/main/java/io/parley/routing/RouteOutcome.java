package io.parley.routing;

/** What became of a case offered to its queue. */
public enum RouteOutcome {
  /** Given to an agent. */
  ASSIGNED,
  /** Left in its queue: nobody can take it now, or the queue does not auto-assign. */
  WAITING,
  /** Nothing to do: already assigned, no longer active, or no queue for its brand. */
  NONE
}
