package io.parley.conversations;

import io.parley.identity.UserId;
import java.time.Instant;

/** An earlier text of a corrected message, replaced at {@code replacedAt} for {@code reason}. */
public record MessageVersion(
    long messageId,
    int revision,
    String body,
    Instant replacedAt,
    UserId replacedBy,
    String reason) {}
