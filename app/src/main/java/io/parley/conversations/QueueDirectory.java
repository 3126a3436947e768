package io.parley.conversations;

import io.parley.identity.UserId;
import java.util.List;

/**
 * Which queues an agent works, as told by the routing module. Conversations asks through this
 * interface so that it does not depend on routing (routing depends on conversations).
 */
public interface QueueDirectory {

  QueueDirectory NONE = user -> List.of();

  List<Long> queuesOf(UserId user);
}
