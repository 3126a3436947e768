package io.parley.conversations;

import io.parley.customers.CustomerId;
import io.parley.identity.UserId;
import java.time.Instant;

/** One message on a case's timeline. */
public record MessageView(
    long id,
    MessageKind kind,
    CustomerId authorCustomer,
    UserId authorUser,
    String body,
    Instant createdAt) {}
