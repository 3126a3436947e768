package io.parley.channels;

/**
 * Who wrote an inbound message, as the network knows them. {@code network} and {@code externalId}
 * identify a social account; {@code email} is set where the network gives one (email, forms);
 * {@code bio} and {@code followers} are the profile as the network showed it with this message
 * (null when it did not say).
 */
public record InboundAuthor(
    String network,
    String externalId,
    String handle,
    String displayName,
    String email,
    String profileUrl,
    String bio,
    Integer followers) {

  public InboundAuthor(
      String network,
      String externalId,
      String handle,
      String displayName,
      String email,
      String profileUrl) {
    this(network, externalId, handle, displayName, email, profileUrl, null, null);
  }

  public static InboundAuthor ofEmail(String address, String displayName) {
    String normalized = address == null ? null : address.strip().toLowerCase(java.util.Locale.ROOT);
    return new InboundAuthor("email", normalized, normalized, displayName, normalized, null);
  }

  /** The address a reply goes to: the email address, else the network's id. */
  public String replyAddress() {
    return email != null && !email.isBlank() ? email : externalId;
  }
}
