package io.parley.conversations.internal;

import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who is looking at or typing on which case, so agents do not answer the same customer twice.
 * Browsers report every few seconds; silence for {@link #TTL} means gone.
 */
@Component
public class Presence {

  static final Duration TTL = Duration.ofSeconds(15);

  record Viewer(long userId, String name, boolean typing, Instant seen) {}

  private record Key(String reference, long userId) {}

  private final Map<Key, Viewer> viewers = new ConcurrentHashMap<>();
  private final Map<String, BrandId> brands = new ConcurrentHashMap<>();
  private final LiveUpdates live;

  Presence(LiveUpdates live) {
    this.live = live;
  }

  void report(String reference, BrandId brand, CurrentUser user, boolean typing) {
    Viewer before =
        viewers.put(
            new Key(reference, user.id().value()),
            new Viewer(user.id().value(), user.displayName(), typing, Instant.now()));
    brands.put(reference, brand);
    if (before == null || before.typing() != typing) {
      live.presenceChanged(brand, reference);
    }
  }

  void leave(String reference, CurrentUser user) {
    if (viewers.remove(new Key(reference, user.id().value())) != null) {
      BrandId brand = brands.get(reference);
      if (brand != null) {
        live.presenceChanged(brand, reference);
      }
    }
  }

  /** The others on a case, typing first. */
  List<Viewer> others(String reference, long me) {
    Instant cutoff = Instant.now().minus(TTL);
    return viewers.entrySet().stream()
        .filter(e -> e.getKey().reference().equals(reference))
        .map(Map.Entry::getValue)
        .filter(v -> v.userId() != me && v.seen().isAfter(cutoff))
        .sorted(Comparator.comparing(Viewer::typing).reversed().thenComparing(Viewer::name))
        .toList();
  }

  @Scheduled(fixedDelay = 5_000)
  void expire() {
    Instant cutoff = Instant.now().minus(TTL);
    viewers
        .entrySet()
        .removeIf(
            e -> {
              if (e.getValue().seen().isBefore(cutoff)) {
                BrandId brand = brands.get(e.getKey().reference());
                if (brand != null) {
                  live.presenceChanged(brand, e.getKey().reference());
                }
                return true;
              }
              return false;
            });
  }
}
