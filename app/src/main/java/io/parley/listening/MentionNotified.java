package io.parley.listening;

import io.parley.identity.BrandId;
import java.util.List;

/**
 * A post matched a listening rule whose action is to notify; published after the mention is
 * committed. {@code mentionId} identifies the mention in the mentions stream.
 */
public record MentionNotified(
    long mentionId, BrandId brand, List<Long> ruleIds, String channelType, String text) {}
