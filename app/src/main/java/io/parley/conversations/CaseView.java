package io.parley.conversations;

import io.parley.channels.ChannelAccountId;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import java.time.Instant;

/** A case as lists and other modules see it. */
public record CaseView(
    CaseId id,
    String reference,
    BrandId brand,
    String subject,
    CaseStatus status,
    Priority priority,
    CustomerId customer,
    ChannelAccountId channelAccount,
    String channelType,
    UserId assignee,
    Instant createdAt,
    Instant updatedAt,
    Instant firstResponseAt,
    Instant solvedAt) {}
