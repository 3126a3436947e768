package io.parley.conversations;

import io.parley.identity.BrandId;

/** A new case exists (committed with its first message). */
public record CaseOpened(CaseId id, String reference, BrandId brand, String channelType) {}
