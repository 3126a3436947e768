package io.parley.channels;

import io.parley.channels.internal.OutboxWriter;
import io.parley.identity.BrandId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: a reply is queued in the same transaction that stores it, then sent by
 * the account's connector with retries and backoff, and its progress announced as {@link
 * DeliveryUpdated}. A crash never loses a queued reply; a reply interrupted mid-send is sent again
 * under the same idempotency key.
 */
@Service
public class Outbox {

  private final OutboxWriter writer;

  Outbox(OutboxWriter writer) {
    this.writer = writer;
  }

  /**
   * Queues {@code message} on {@code account} or, when that account cannot send (a web form), on
   * the brand's email account. Must join the caller's transaction. {@code sourceRef} comes back in
   * every {@link DeliveryUpdated}.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Queued enqueue(
      ChannelAccountId account, BrandId brand, String sourceRef, OutboundMessage message) {
    return writer.enqueue(account, brand, sourceRef, message);
  }

  /** What became of an enqueue: the entry and its state, or why nothing can send it. */
  public record Queued(
      Long outboxId, ChannelAccountId account, DeliveryState state, String reason) {}
}
