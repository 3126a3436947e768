package io.parley.conversations;

/** Inbound from the customer, an outbound reply, or an internal note that is never sent. */
public enum MessageKind {
  INBOUND,
  OUTBOUND,
  NOTE
}
