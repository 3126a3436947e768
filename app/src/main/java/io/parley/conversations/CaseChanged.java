package io.parley.conversations;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;

/** Something about a case changed (status, assignee, tags...); {@code kind} names what. */
public record CaseChanged(CaseId id, String reference, BrandId brand, UserId actor, String kind) {}
