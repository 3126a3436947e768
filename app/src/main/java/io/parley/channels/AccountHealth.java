package io.parley.channels;

import java.time.Instant;

/**
 * How an account's connector is doing, for admins: when it last worked, the last error and when,
 * until when the network asked us to slow down, and what waits in its inbound and outbound queues.
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
    long outboxWaiting,
    long outboxFailed) {

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
