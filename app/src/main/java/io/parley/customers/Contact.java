package io.parley.customers;

import java.time.Instant;

/**
 * Someone who wrote in through a channel: their account on a network ({@code network} and {@code
 * externalId}, e.g. "weibo" and a user id, or "email" and an address), how they call themselves,
 * and an email address where the channel gave one. {@code bio} and {@code followers} are their
 * profile as shown with a message written at {@code seenAt}; a known identity takes them when no
 * newer message has shown its profile already. Optional clues for identity resolution: a phone
 * number the channel vouches for (a caller's number), an order number the customer gave in a form
 * field, where they say they are, and the text they wrote (order numbers mentioned in it).
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
    Instant seenAt,
    String phone,
    String orderNumber,
    String location,
    String text) {

  public Contact(
      String network,
      String externalId,
      String handle,
      String displayName,
      String email,
      String profileUrl) {
    this(network, externalId, handle, displayName, email, profileUrl, null, null, null);
  }

  /** A social author with the profile their message showed. */
  public Contact(
      String network,
      String externalId,
      String handle,
      String displayName,
      String email,
      String profileUrl,
      String bio,
      Long followers,
      Instant seenAt) {
    this(
        network,
        externalId,
        handle,
        displayName,
        email,
        profileUrl,
        bio,
        followers,
        seenAt,
        null,
        null,
        null,
        null);
  }

  /** A contact with clues for identity resolution. */
  public Contact(
      String network,
      String externalId,
      String handle,
      String displayName,
      String email,
      String profileUrl,
      String phone,
      String orderNumber,
      String location,
      String text) {
    this(
        network,
        externalId,
        handle,
        displayName,
        email,
        profileUrl,
        null,
        null,
        null,
        phone,
        orderNumber,
        location,
        text);
  }

  /** The same contact with the text of their message, for order numbers mentioned in it. */
  public Contact withText(String messageText) {
    return new Contact(
        network,
        externalId,
        handle,
        displayName,
        email,
        profileUrl,
        bio,
        followers,
        seenAt,
        phone,
        orderNumber,
        location,
        messageText);
  }
}
