package io.parley.channels;

import java.util.List;

/**
 * Messages of one account that passed the inbound filters and were stored, announced together: one
 * message taken alone, or the new messages of a poll's page or a stream's burst. Published inside
 * the storing transaction, like each {@link InboundMessageReceived} it holds (in the order
 * received, a parent before its replies): listeners handle them all in that transaction, and may do
 * so in bulk (one query for the page's authors, one batch of inserts for its new cases), as long as
 * each message ends as it would alone.
 *
 * <p>A {@code captured} batch holds listened posts whose cases {@link CaseCapture} already opened
 * as the least a case can be, in an earlier transaction: its listeners complete those cases (their
 * customer, tags, clocks, routing) and record what they record for any message, once.
 */
public record InboundBatchReceived(List<InboundMessageReceived> messages, boolean captured) {

  public InboundBatchReceived {
    messages = List.copyOf(messages);
  }

  public InboundBatchReceived(List<InboundMessageReceived> messages) {
    this(messages, false);
  }
}
