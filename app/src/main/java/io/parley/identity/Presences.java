package io.parley.identity;

import io.parley.identity.internal.AgentPresence;
import io.parley.identity.internal.AgentPresenceRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who of the staff is online, away or offline. Kept in the database, so every node sees the same;
 * someone with no record is offline. Each change is announced as {@link PresenceChanged}.
 */
@Service
public class Presences {

  private final AgentPresenceRepository presences;
  private final ApplicationEventPublisher events;

  Presences(AgentPresenceRepository presences, ApplicationEventPublisher events) {
    this.presences = presences;
    this.events = events;
  }

  @Transactional(readOnly = true)
  public PresenceStatus of(UserId user) {
    return presences
        .findById(user.value())
        .map(AgentPresence::getStatus)
        .orElse(PresenceStatus.OFFLINE);
  }

  /**
   * The presence of each user; read in the caller's transaction (a caller holding a lock sees what
   * was committed before it got it).
   */
  @Transactional(readOnly = true)
  public Map<UserId, PresenceStatus> of(Collection<UserId> users) {
    Map<UserId, PresenceStatus> result = new HashMap<>();
    users.forEach(u -> result.put(u, PresenceStatus.OFFLINE));
    if (!users.isEmpty()) {
      presences
          .findAllById(users.stream().map(UserId::value).distinct().toList())
          .forEach(p -> result.put(new UserId(p.getUserId()), p.getStatus()));
    }
    return result;
  }

  /**
   * Whether any of these users is online. Counted, not loaded: a caller that reads presence again
   * under a lock must not get back entities this read left in its session (they would not be read
   * again, so it would see the presence from before the lock).
   */
  @Transactional(readOnly = true)
  public boolean anyOnline(Collection<UserId> users) {
    return !users.isEmpty()
        && presences.countByUserIdInAndStatus(
                users.stream().map(UserId::value).distinct().toList(), PresenceStatus.ONLINE)
            > 0;
  }

  /** Sets a user's presence; announces it when it changed. */
  @Transactional
  public void set(UserId user, PresenceStatus status) {
    Instant now = Instant.now();
    presences.createIfMissing(user.value(), now);
    AgentPresence presence = presences.lock(user.value()).orElseThrow();
    PresenceStatus before = presence.change(status, now);
    if (before != status) {
      events.publishEvent(new PresenceChanged(user, before, status));
    }
  }

  /** The user's console is still open: keeps them from being turned offline for silence. */
  @Transactional
  public void seen(UserId user) {
    presences.seen(user.value(), Instant.now());
  }

  /**
   * Turns offline everyone online or away whose console has been silent since {@code cutoff}. Rows
   * another node is handling are skipped. Returns how many turned offline.
   */
  @Transactional
  public int expireSilentSince(Instant cutoff) {
    List<AgentPresence> silent = presences.lockSilentSince(cutoff);
    Instant now = Instant.now();
    for (AgentPresence presence : silent) {
      PresenceStatus before = presence.change(PresenceStatus.OFFLINE, now);
      events.publishEvent(
          new PresenceChanged(new UserId(presence.getUserId()), before, PresenceStatus.OFFLINE));
    }
    return silent.size();
  }
}
