package io.parley.conversations;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;

/**
 * A message's text was corrected: the earlier text is kept as version {@code revision - 1}. {@code
 * actor} is null when a gate (not a person) changed it; {@code reason} says why.
 */
public record MessageRevised(
    CaseId id,
    String reference,
    BrandId brand,
    long messageId,
    int revision,
    UserId actor,
    String reason) {}
