package io.parley.routing;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import java.time.Duration;
import java.util.Set;

/**
 * A queue as other modules see it. {@code overflowQueueId} and {@code overflowAfter} are both set
 * or both null: a case waiting unassigned longer than that moves to that queue.
 */
public record QueueSummary(
    long id,
    BrandId brand,
    String name,
    boolean autoAssign,
    boolean isDefault,
    Set<UserId> members,
    AssignmentPolicy policy,
    Long overflowQueueId,
    Duration overflowAfter,
    Handback handback) {}
