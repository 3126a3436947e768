package io.parley.conversations;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;

/** A message was added to a case: the customer wrote, an agent replied or noted. */
public record MessageAdded(
    CaseId id, String reference, BrandId brand, long messageId, MessageKind kind, UserId actor) {}
