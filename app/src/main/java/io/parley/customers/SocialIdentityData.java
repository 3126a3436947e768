package io.parley.customers;

/**
 * A customer's account on one social network. {@code network} is the connector type (e.g. "weibo",
 * "x"); {@code externalId} is the network's stable user id, unique per network.
 */
public record SocialIdentityData(
    String network,
    String externalId,
    String handle,
    String displayName,
    String profileUrl,
    String bio,
    Long followerCount) {}
