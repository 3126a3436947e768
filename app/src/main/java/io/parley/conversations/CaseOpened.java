package io.parley.conversations;

import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;

/**
 * A new case exists (committed with its first message). It carries what listeners in the opening's
 * transaction need (the audit trail, SLA clocks), so they need not read the case back: its customer
 * (null: none), priority, subject and first message's text (null: none).
 */
public record CaseOpened(
    CaseId id,
    String reference,
    BrandId brand,
    String channelType,
    CustomerId customer,
    Priority priority,
    String subject,
    String firstMessage,
    Long queueId) {}
