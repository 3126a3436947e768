package io.parley.conversations;

import io.parley.identity.UserId;
import java.time.Instant;

/** One line of a case's history. */
public record HistoryEntry(Instant at, UserId actor, String kind, String before, String after) {}
