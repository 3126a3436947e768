package io.parley.channels;

/** Where a reply is on its way out. */
public enum DeliveryState {
  QUEUED,
  SENDING,
  SENT,
  RETRYING,
  FAILED,
  BOUNCED,
  UNDELIVERABLE,
  /** Waiting for a person's approval (an outbound gate held it). */
  HELD,
  /** An outbound gate refused it; never sent. */
  BLOCKED,
  /** Held, then refused by the approver; never sent. */
  REJECTED
}
