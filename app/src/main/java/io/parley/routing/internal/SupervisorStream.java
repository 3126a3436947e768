package io.parley.routing.internal;

import io.parley.conversations.CaseChanged;
import io.parley.conversations.CaseOpened;
import io.parley.identity.PresenceChanged;
import io.parley.shared.AfterCommit;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells the supervisor boards open on this node that something changed: at most once a second,
 * whatever the number of changes (each board then reloads itself). Changes count once committed, so
 * a board never reloads before it can see them.
 */
@Component
class SupervisorStream {

  private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean changed = new AtomicBoolean();

  SseEmitter subscribe() {
    SseEmitter emitter = new SseEmitter(Duration.ofHours(1).toMillis());
    emitters.add(emitter);
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(() -> emitters.remove(emitter));
    emitter.onError(e -> emitters.remove(emitter));
    send(emitter, SseEmitter.event().name("hello").data("{}"));
    return emitter;
  }

  @EventListener
  void on(CaseOpened event) {
    markChanged();
  }

  @EventListener
  void on(CaseChanged event) {
    markChanged();
  }

  @EventListener
  void on(PresenceChanged event) {
    markChanged();
  }

  /**
   * Counts a change once its transaction commits (a plain listener, not a transactional one, so no
   * event publication is recorded for it): a board that reloads earlier would not see it yet.
   */
  private void markChanged() {
    AfterCommit.run(() -> changed.set(true));
  }

  @Scheduled(fixedDelay = 1_000)
  void push() {
    if (changed.getAndSet(false)) {
      emitters.forEach(e -> send(e, SseEmitter.event().name("board").data("{}")));
    }
  }

  @Scheduled(fixedDelay = 20_000)
  void heartbeat() {
    emitters.forEach(e -> send(e, SseEmitter.event().comment("keep-alive")));
  }

  private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException e) {
      emitters.remove(emitter);
    }
  }
}
