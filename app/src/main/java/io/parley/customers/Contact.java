package io.parley.customers;

/**
 * Someone who wrote in through a channel: their account on a network ({@code network} and {@code
 * externalId}, e.g. "weibo" and a user id, or "email" and an address), how they call themselves,
 * and an email address where the channel gave one. Optional clues for identity resolution: a phone
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
    this(network, externalId, handle, displayName, email, profileUrl, null, null, null, null);
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
        phone,
        orderNumber,
        location,
        messageText);
  }
}
