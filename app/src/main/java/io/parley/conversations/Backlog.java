package io.parley.conversations;

import java.time.Instant;

/** How many cases wait in a queue unassigned, and since when the longest-waiting one waits. */
public record Backlog(long waiting, Instant oldestSince) {

  public static final Backlog EMPTY = new Backlog(0, null);
}
