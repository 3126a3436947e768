package io.parley.channels;

/** Where a reply is on its way out. */
public enum DeliveryState {
  QUEUED,
  SENDING,
  SENT,
  RETRYING,
  FAILED,
  BOUNCED,
  UNDELIVERABLE
}
