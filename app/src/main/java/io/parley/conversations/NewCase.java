package io.parley.conversations;

import io.parley.channels.ChannelAccountId;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import java.time.Instant;

/**
 * A case to open with the customer's first message. {@code openedAt} is when the customer wrote;
 * null means now.
 */
public record NewCase(
    BrandId brand,
    String subject,
    Priority priority,
    CustomerId customer,
    ChannelAccountId channelAccount,
    String channelType,
    String firstMessage,
    Instant openedAt) {}
