package io.parley.channels;

import java.util.List;

/**
 * Opens the cases of listened posts as the least a case can be, inside the transaction that stores
 * the posts (implemented by the module that owns cases): each post becomes a case with its number,
 * in the queue its rule chose, with the post as its first message, and nothing else. A burst of
 * matched posts is then committed at the pace the network sends it.
 *
 * <p>Everything else a case gets when it opens (its customer, the tags and queue its customer's
 * tier adds, SLA clocks, routing to an agent, audit entries, the mention on the listening stream)
 * follows after commit: the same posts are announced again, as an {@link InboundBatchReceived} that
 * is {@link InboundBatchReceived#captured() captured}, whose listeners complete those cases instead
 * of opening new ones. That announcement is kept in the database until its listeners have
 * committed, so a crash in between delays it and never loses it.
 */
public interface CaseCapture {

  /**
   * Whether a post can be captured: one that may answer another (it names a parent or a thread) or
   * brings files goes the whole way at once instead.
   */
  boolean takes(InboundMessage message);

  /**
   * Opens one case per post, in the caller's transaction; the cases' ids in the order of {@code
   * posts}. Each post passed {@link #takes}, and its classification says it opens a case.
   */
  List<Long> capture(List<InboundMessageReceived> posts);

  /**
   * Gives up completing the case captured for this inbound message (its completion kept failing):
   * the case becomes an ordinary case without a customer, announced and routed as such, so that
   * agents can take it; in the caller's transaction.
   */
  void release(long inboundId);
}
