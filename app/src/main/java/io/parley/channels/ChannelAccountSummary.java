package io.parley.channels;

import io.parley.identity.BrandId;

/**
 * A channel account as other modules see it. {@code type} is the connector type ("email", "weibo",
 * "x", ...); {@code address} is the account's address on that network.
 */
public record ChannelAccountSummary(
    ChannelAccountId id, BrandId brand, String type, String name, String address, boolean active) {}
