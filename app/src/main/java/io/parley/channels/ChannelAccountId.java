package io.parley.channels;

/** Identifies a channel account across modules. */
public record ChannelAccountId(long value) {}
