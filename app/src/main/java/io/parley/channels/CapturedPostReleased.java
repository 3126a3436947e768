package io.parley.channels;

import io.parley.identity.BrandId;

/**
 * A listened post whose captured case could not be completed after every try: its case was released
 * to the agents without a customer, and the post itself could not be announced as {@link
 * InboundMessageReceived} (its payload may be what failed). Published in the releasing transaction,
 * with what the post's inbound record still says, so that the audit trail holds its arrival like
 * any other message's. {@code error} is the last failure.
 */
public record CapturedPostReleased(
    long inboundId,
    ChannelAccountId account,
    BrandId brand,
    String channelType,
    String externalId,
    String error) {}
