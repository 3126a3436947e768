package io.parley.listening;

/**
 * A post or message to match: its text, the brand whose channel account received it, its language
 * ("en", "zh"; null when unknown), its network (the channel type) and channel account id.
 */
public record Post(String text, long brandId, String language, String network, long accountId) {}
