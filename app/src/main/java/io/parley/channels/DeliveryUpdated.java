package io.parley.channels;

/**
 * An outbox entry changed state. {@code sourceRef} is what the enqueuing module put there (e.g.
 * {@code message:42}); {@code externalId} is the network's id once sent.
 */
public record DeliveryUpdated(
    long outboxId, String sourceRef, DeliveryState state, String externalId, String error) {}
