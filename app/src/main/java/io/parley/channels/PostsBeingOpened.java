package io.parley.channels;

import java.time.Instant;

/**
 * Listened posts whose cases are being opened: captured at once ({@link CaseCapture}) and not yet
 * complete, so not yet in any queue's backlog. After a burst they can be hundreds of thousands; the
 * supervisors' board shows them so that a burst is seen as it arrives, not only as its cases are
 * completed.
 */
public interface PostsBeingOpened {

  /**
   * Counted up to this many, beyond which the board says "more than": the count stops once it has
   * met that many (a few milliseconds on PostgreSQL; 100,000 took about 15 ms, at every refresh of
   * every open board during a burst).
   */
  int COUNT_LIMIT = 10_000;

  /** How many are being opened now (up to {@link #COUNT_LIMIT}), and since when the first waits. */
  Snapshot now();

  /**
   * {@code count} posts being opened ({@link #COUNT_LIMIT} and {@code more} when there are more),
   * the first in line captured at {@code oldestSince} (null when none).
   */
  record Snapshot(long count, boolean more, Instant oldestSince) {

    public static final Snapshot NONE = new Snapshot(0, false, null);

    public boolean any() {
      return count > 0;
    }
  }
}
