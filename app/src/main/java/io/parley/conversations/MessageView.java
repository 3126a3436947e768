package io.parley.conversations;

import io.parley.customers.CustomerId;
import io.parley.identity.UserId;
import java.time.Instant;

/**
 * One message on a case's timeline. {@code deliveryStatus} is set for replies (queued until a
 * channel connector sends them); {@code movedTo} names the case a message was split into; {@code
 * bodyHtml} is the sanitized HTML of a message that arrived as HTML; {@code deliveryError} says why
 * a reply is not (yet) delivered. {@code revision} counts corrections (earlier texts are kept as
 * versions); {@code hiddenReason} and {@code hiddenBy} are set on a message someone "deleted"
 * (hidden, never removed; {@code hiddenBy} is null for the system).
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
    UserId hiddenBy) {}
