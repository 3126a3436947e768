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

  /**
   * The network refused for a rate limit until {@code resetAt} (e.g. X's {@code
   * x-rate-limit-reset}, Mastodon's {@code X-RateLimit-Reset}); at least one second from now.
   */
  public static ConnectorException rateLimited(String message, java.time.Instant resetAt) {
    Duration wait = Duration.between(java.time.Instant.now(), resetAt);
    return new ConnectorException(
        message, null, wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
