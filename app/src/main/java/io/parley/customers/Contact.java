package io.parley.customers;

import java.time.Instant;

/**
 * Someone who wrote in through a channel: their account on a network ({@code network} and {@code
 * externalId}, e.g. "weibo" and a user id, or "email" and an address), how they call themselves,
 * and an email address where the channel gave one. {@code bio} and {@code followers} are their
 * profile as shown with a message written at {@code seenAt}; a known identity takes them when no
 * newer message has shown its profile already.
 */
public record Contact(
    String network,
    String externalId,
    String handle,
    String displayName,
    String email,
    String profileUrl,
    String bio,
    Long followers,
    Instant seenAt) {

  public Contact(
      String network,
      String externalId,
      String handle,
      String displayName,
      String email,
      String profileUrl) {
    this(network, externalId, handle, displayName, email, profileUrl, null, null, null);
  }
}
