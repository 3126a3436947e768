package io.parley.channels;

import java.time.Instant;

/**
 * How an account's connector is doing, for admins: when it last worked, the last error and when,
 * until when the network asked us to slow down, and what waits in its inbound and outbound queues.
 * {@code inboundIgnored}: listened posts no rule matched in the last {@link #IGNORED_DAYS} days
 * (not stored, only counted).
 */
public record AccountHealth(
    ChannelAccountSummary account,
    boolean connectorAvailable,
    boolean configured,
    Instant lastPollAt,
    Instant lastSuccessAt,
    Instant lastErrorAt,
    String lastError,
    Instant rateLimitedUntil,
    long inboundAccepted,
    long inboundFiltered,
    long inboundFailed,
    long inboundIgnored,
    long outboxWaiting,
    long outboxFailed) {

  /** The days the ignored posts are counted over. */
  public static final int IGNORED_DAYS = 7;

  /** ok, error (the last attempt failed), limited (rate limited now), idle (not set up). */
  public String state() {
    if (!configured || !connectorAvailable) {
      return "idle";
    }
    if (rateLimitedUntil != null && rateLimitedUntil.isAfter(Instant.now())) {
      return "limited";
    }
    if (lastErrorAt != null && (lastSuccessAt == null || lastErrorAt.isAfter(lastSuccessAt))) {
      return "error";
    }
    return "ok";
  }
}
