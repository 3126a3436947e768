package io.parley.conversations;

import io.parley.identity.UserId;

/**
 * Pushes an event to one user's open console pages over the console's live stream (server-sent
 * events), e.g. a phone screen pop; a user with no page open misses it.
 */
public interface ConsolePush {

  /** Sends {@code event} with JSON {@code data} to every console page of {@code user}. */
  void toUser(UserId user, String event, String data);
}
