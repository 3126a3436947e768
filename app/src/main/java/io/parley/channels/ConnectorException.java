package io.parley.channels;

import java.time.Duration;

/**
 * A connector could not reach or use its network. {@code retryAfter} is set when the network asked
 * Parley to slow down (a rate limit), and is shown on the account's health.
 */
public class ConnectorException extends RuntimeException {

  private final Duration retryAfter;

  public ConnectorException(String message, Throwable cause) {
    this(message, cause, null);
  }

  public ConnectorException(String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
