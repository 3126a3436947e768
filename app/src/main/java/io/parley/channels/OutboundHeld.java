package io.parley.channels;

import io.parley.identity.BrandId;

/**
 * A gate held an outbox entry for approval; it waits (state HELD) until {@link Outbox#release} or
 * {@link Outbox#reject}. Published inside the transaction that holds it.
 */
public record OutboundHeld(
    long outboxId,
    ChannelAccountId account,
    BrandId brand,
    String sourceRef,
    String text,
    String reason) {}
