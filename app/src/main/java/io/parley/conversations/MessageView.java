package io.parley.conversations;

import io.parley.customers.CustomerId;
import io.parley.identity.CurrentUser;
import io.parley.identity.UserId;
import java.time.Instant;

/**
 * One message on a case's timeline. {@code deliveryStatus} is set for replies (queued until a
 * channel connector sends them); {@code movedTo} names the case a message was split into; {@code
 * bodyHtml} is the sanitized HTML of a message that arrived as HTML; {@code deliveryError} says why
 * a reply is not (yet) delivered. {@code revision} counts corrections (earlier texts are kept as
 * versions); {@code hiddenReason} and {@code hiddenBy} are set on a message someone "deleted"
 * (hidden, never removed; {@code hiddenBy} is null for the system). A hidden message's text and
 * files are for whoever hid it and for supervisors and admins ({@link #readableBy}); others get it
 * {@link #withoutText()}.
 */
public record MessageView(
    long id,
    MessageKind kind,
    CustomerId authorCustomer,
    UserId authorUser,
    String body,
    Instant createdAt,
    String deliveryStatus,
    CaseId movedTo,
    String bodyHtml,
    String deliveryError,
    int revision,
    String hiddenReason,
    UserId hiddenBy) {

  /** Whether {@code viewer} may read its text, earlier versions and files. */
  public boolean readableBy(CurrentUser viewer) {
    return hiddenReason == null
        || Cases.moderates(viewer)
        || (hiddenBy != null && hiddenBy.equals(viewer.id()));
  }

  /** The message as shown to someone who may not read it: that it was hidden, why and by whom. */
  public MessageView withoutText() {
    return new MessageView(
        id,
        kind,
        authorCustomer,
        authorUser,
        null,
        createdAt,
        deliveryStatus,
        movedTo,
        null,
        deliveryError,
        revision,
        hiddenReason,
        hiddenBy);
  }

  /** This message as {@code viewer} may see it. */
  public MessageView as(CurrentUser viewer) {
    return readableBy(viewer) ? this : withoutText();
  }
}
