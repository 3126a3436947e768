package io.parley.conversations;

import io.parley.channels.ChannelAccountId;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import java.time.Instant;
import java.util.Set;

/**
 * A case as lists, the API and other modules see it. {@code version} changes with every edit;
 * {@code captured}: a listened post's case that is still being opened (its customer, tags and
 * routing follow in a moment; nobody can change it meanwhile).
 */
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
    Long queueId,
    Set<String> tags,
    CaseId mergedInto,
    Integer csatScore,
    String csatComment,
    Instant createdAt,
    Instant updatedAt,
    Instant firstResponseAt,
    Instant solvedAt,
    long version,
    boolean captured) {}
