package io.parley.channels;

/**
 * Who wrote an inbound message, as the network knows them. {@code network} and {@code externalId}
 * identify a social account; {@code email} is set where the network gives one (email, forms).
 */
public record InboundAuthor(
    String network,
    String externalId,
    String handle,
    String displayName,
    String email,
    String profileUrl) {

  public static InboundAuthor ofEmail(String address, String displayName) {
    String normalized = address == null ? null : address.strip().toLowerCase(java.util.Locale.ROOT);
    return new InboundAuthor("email", normalized, normalized, displayName, normalized, null);
  }

  /** The address a reply goes to: the email address, else the network's id. */
  public String replyAddress() {
    return email != null && !email.isBlank() ? email : externalId;
  }
}
