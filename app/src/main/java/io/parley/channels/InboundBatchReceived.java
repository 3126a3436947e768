package io.parley.channels;

import java.util.List;

/**
 * Messages of one account that passed the inbound filters and were stored, announced together: one
 * message taken alone, or the new messages of a poll's page or a stream's burst. Published inside
 * the storing transaction, like each {@link InboundMessageReceived} it holds (in the order
 * received, a parent before its replies): listeners handle them all in that transaction, and may do
 * so in bulk (one query for the page's authors, one batch of inserts for its new cases), as long as
 * each message ends as it would alone.
 */
public record InboundBatchReceived(List<InboundMessageReceived> messages) {

  public InboundBatchReceived {
    messages = List.copyOf(messages);
  }
}
