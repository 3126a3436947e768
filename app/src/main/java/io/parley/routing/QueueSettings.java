package io.parley.routing;

import java.time.Duration;

/**
 * How a queue assigns: its policy, where cases overflow after waiting too long (both null for no
 * overflow), and what goes back to it when an agent goes offline.
 */
public record QueueSettings(
    AssignmentPolicy policy, Long overflowQueueId, Duration overflowAfter, Handback handback) {

  public static final QueueSettings ROUND_ROBIN =
      new QueueSettings(AssignmentPolicy.ROUND_ROBIN, null, null, Handback.NOT_STARTED);

  public static QueueSettings of(AssignmentPolicy policy) {
    return new QueueSettings(policy, null, null, Handback.NOT_STARTED);
  }
}
