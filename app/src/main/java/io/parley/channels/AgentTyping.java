package io.parley.channels;

import java.util.List;

/**
 * An agent is typing a reply on a case that came through {@code account}; a live channel may show
 * it to the customer. {@code messageIds} are external ids of the case's messages, newest first.
 */
public record AgentTyping(
    ChannelAccountId account, List<String> messageIds, String agentName, boolean typing) {}
