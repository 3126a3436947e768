package io.parley.listening.internal;

import io.parley.listening.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The latest inbound posts this node classified, for the admin's preview of a rule ("what would it
 * have matched"). Kept in memory, oldest overwritten; a restart starts empty.
 */
@Component
class RecentPosts {

  /** A post as the preview shows it. */
  record Seen(Post post, String author, Instant at) {}

  private final Seen[] ring;
  private long next;

  RecentPosts(ListeningProperties properties) {
    this.ring = new Seen[Math.max(10, properties.recentPosts())];
  }

  synchronized void add(Post post, String author) {
    ring[(int) (next++ % ring.length)] = new Seen(post, author, Instant.now());
  }

  /** Up to {@code limit} posts, newest first. */
  synchronized List<Seen> latest(int limit) {
    int n = (int) Math.min(Math.min(limit, ring.length), next);
    List<Seen> out = new ArrayList<>(n);
    for (long i = next - 1; i >= next - n; i--) {
      out.add(ring[(int) (i % ring.length)]);
    }
    return out;
  }

  int capacity() {
    return ring.length;
  }
}
