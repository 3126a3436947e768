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
  private final io.parley.channels.internal.OutboxApprovals approvals;

  Outbox(OutboxWriter writer, io.parley.channels.internal.OutboxApprovals approvals) {
    this.writer = writer;
    this.approvals = approvals;
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

  /**
   * Sends an entry an {@link OutboundGate} held, with {@code revisedText} instead of its text when
   * given. The gates still block or replace at sending time, but no longer hold it. False when the
   * entry is not held (already decided).
   */
  @Transactional
  public boolean release(long outboxId, String revisedText) {
    return approvals.release(outboxId, revisedText);
  }

  /** Refuses a held entry for good: it is never sent. False when the entry is not held. */
  @Transactional
  public boolean reject(long outboxId, String reason) {
    return approvals.reject(outboxId, reason);
  }

  /**
   * What became of an enqueue: the entry and its state, or why nothing can send it. {@code
   * sentText} is the text that will go out when an {@link OutboundGate} replaced part of it (null
   * when unchanged).
   */
  public record Queued(
      Long outboxId,
      ChannelAccountId account,
      DeliveryState state,
      String reason,
      String sentText) {

    public Queued(Long outboxId, ChannelAccountId account, DeliveryState state, String reason) {
      this(outboxId, account, state, reason, null);
    }
  }
}
