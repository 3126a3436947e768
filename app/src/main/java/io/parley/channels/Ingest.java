package io.parley.channels;

import io.parley.channels.internal.InboundGate;
import org.springframework.stereotype.Service;

/**
 * Hands a message that reached Parley by push (a webhook, a chat, a form) to the inbound pipeline
 * of its account: filters, the idempotency guard and {@link InboundMessageReceived}.
 */
@Service
public class Ingest {

  private final InboundGate gate;

  Ingest(InboundGate gate) {
    this.gate = gate;
  }

  /** Throws {@link ChannelRejected} when the account does not exist or is inactive. */
  public IngestResult receive(ChannelAccountId account, InboundMessage message) {
    return gate.receive(account, message);
  }

  /**
   * Hands over several messages of one account at once (a burst from a stream, a page of a feed):
   * stored and announced in one transaction, each with the outcome {@link #receive} would give it
   * (a batch that fails is taken message by message). Results in the order given.
   */
  public java.util.List<IngestResult> receiveAll(
      ChannelAccountId account, java.util.List<InboundMessage> messages) {
    return gate.receiveAll(account, messages);
  }
}
