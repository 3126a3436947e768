package io.parley.conversations;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;

/** A message was "deleted": hidden from the timeline with a reason, never removed. */
public record MessageHidden(
    CaseId id, String reference, BrandId brand, long messageId, UserId actor, String reason) {}
