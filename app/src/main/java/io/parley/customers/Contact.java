package io.parley.customers;

/**
 * Someone who wrote in through a channel: their account on a network ({@code network} and {@code
 * externalId}, e.g. "weibo" and a user id, or "email" and an address), how they call themselves,
 * and an email address where the channel gave one.
 */
public record Contact(
    String network,
    String externalId,
    String handle,
    String displayName,
    String email,
    String profileUrl) {}
