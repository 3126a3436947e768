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

  /** Customers typing in a live channel shown for a few seconds after each signal. */
  static final Duration CUSTOMER_TYPING = Duration.ofSeconds(6);

  private final Map<Key, Viewer> viewers = new ConcurrentHashMap<>();
  private final Map<String, Viewer> customersTyping = new ConcurrentHashMap<>();
  private final Map<String, BrandId> brands = new ConcurrentHashMap<>();
  private final LiveUpdates live;

  Presence(LiveUpdates live) {
    this.live = live;
  }

  /** Records the user on the case; true when their typing state changed. */
  boolean report(String reference, BrandId brand, CurrentUser user, boolean typing) {
    Viewer before =
        viewers.put(
            new Key(reference, user.id().value()),
            new Viewer(user.id().value(), user.displayName(), typing, Instant.now()));
    brands.put(reference, brand);
    boolean changed = before == null ? typing : before.typing() != typing;
    if (before == null || before.typing() != typing) {
      live.presenceChanged(brand, reference);
    }
    return changed;
  }

  void leave(String reference, CurrentUser user) {
    if (viewers.remove(new Key(reference, user.id().value())) != null) {
      BrandId brand = brands.get(reference);
      if (brand != null) {
        live.presenceChanged(brand, reference);
      }
    }
  }

  /** The customer is typing on a live channel (e.g. the web chat) of this case. */
  void customerTyping(String reference, BrandId brand, String name) {
    Viewer before = customersTyping.put(reference, new Viewer(-1, name, true, Instant.now()));
    brands.put(reference, brand);
    if (before == null) {
      live.presenceChanged(brand, reference);
    }
  }

  /** The others on a case, typing first; a typing customer first of all. */
  List<Viewer> others(String reference, long me) {
    Instant cutoff = Instant.now().minus(TTL);
    var staff =
        viewers.entrySet().stream()
            .filter(e -> e.getKey().reference().equals(reference))
            .map(Map.Entry::getValue)
            .filter(v -> v.userId() != me && v.seen().isAfter(cutoff))
            .sorted(Comparator.comparing(Viewer::typing).reversed().thenComparing(Viewer::name));
    Viewer customer = customersTyping.get(reference);
    if (customer != null && customer.seen().isAfter(Instant.now().minus(CUSTOMER_TYPING))) {
      return java.util.stream.Stream.concat(java.util.stream.Stream.of(customer), staff).toList();
    }
    return staff.toList();
  }

  @Scheduled(fixedDelay = 2_000)
  void expire() {
    Instant typingCutoff = Instant.now().minus(CUSTOMER_TYPING);
    customersTyping
        .entrySet()
        .removeIf(
            e -> {
              if (e.getValue().seen().isBefore(typingCutoff)) {
                BrandId brand = brands.get(e.getKey());
                if (brand != null) {
                  live.presenceChanged(brand, e.getKey());
                }
                return true;
              }
              return false;
            });
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
