package io.parley.channels;

import java.time.Duration;

/**
 * How a send went. {@code SENT} carries the network's id for the message; {@code RETRY} asks to try
 * again later (a network error, a rate limit with its wait); {@code FAILED} is final (the network
 * refused the message); {@code UNREACHABLE} says the recipient cannot be reached on this channel (a
 * chat visitor who left): the outbox hands the message to the brand's email account when the
 * recipient is an email address, else it fails.
 */
public record DeliveryResult(Status status, String externalId, String error, Duration retryAfter) {

  /** The outcome of one attempt. */
  public enum Status {
    SENT,
    RETRY,
    FAILED,
    UNREACHABLE
  }

  public static DeliveryResult sent(String externalId) {
    return new DeliveryResult(Status.SENT, externalId, null, null);
  }

  public static DeliveryResult retry(String error, Duration after) {
    return new DeliveryResult(Status.RETRY, null, error, after);
  }

  public static DeliveryResult failed(String error) {
    return new DeliveryResult(Status.FAILED, null, error, null);
  }

  public static DeliveryResult unreachable(String error) {
    return new DeliveryResult(Status.UNREACHABLE, null, error, null);
  }
}
