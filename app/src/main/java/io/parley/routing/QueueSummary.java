package io.parley.routing;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import java.util.Set;

/** A queue as other modules see it. */
public record QueueSummary(
    long id,
    BrandId brand,
    String name,
    boolean autoAssign,
    boolean isDefault,
    Set<UserId> members) {}
