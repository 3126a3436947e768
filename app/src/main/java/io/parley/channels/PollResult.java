package io.parley.channels;

import java.util.List;

/**
 * What one poll brought: the messages in network order and the cursor to continue from. {@code
 * more} says another poll would bring more right away.
 */
public record PollResult(List<InboundMessage> messages, String nextCursor, boolean more) {

  public static PollResult nothingNew(String cursor) {
    return new PollResult(List.of(), cursor, false);
  }
}
