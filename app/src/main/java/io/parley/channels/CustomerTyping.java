package io.parley.channels;

import java.util.List;

/**
 * A customer is typing in a live channel (a web chat). {@code messageIds} are external ids of the
 * conversation (the last lines), by which the case is found.
 */
public record CustomerTyping(ChannelAccountId account, List<String> messageIds) {}
