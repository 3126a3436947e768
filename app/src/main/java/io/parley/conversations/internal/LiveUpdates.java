package io.parley.conversations.internal;

import io.parley.conversations.CaseChanged;
import io.parley.conversations.CaseOpened;
import io.parley.conversations.MessageAdded;
import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import io.parley.shared.AfterCommit;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes case changes to the consoles of this node over server-sent events, after the change is
 * committed, only to viewers who may see the case's brand. (Across nodes this needs a fan-out, see
 * ARCHITECTURE.md.)
 */
@Component
public class LiveUpdates implements io.parley.conversations.ConsolePush {

  private final Map<SseEmitter, CurrentUser> emitters = new ConcurrentHashMap<>();

  SseEmitter subscribe(CurrentUser viewer) {
    // Browsers reconnect on their own when a stream ends; an hour keeps threads and proxies sane.
    SseEmitter emitter = new SseEmitter(java.time.Duration.ofHours(1).toMillis());
    emitters.put(emitter, viewer);
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(() -> emitters.remove(emitter));
    emitter.onError(e -> emitters.remove(emitter));
    send(emitter, "hello", "{}");
    return emitter;
  }

  // Plain listeners that defer to after-commit themselves: these pushes need no durable
  // publication record (a missed one is caught up by the browser on reconnect), and recording
  // one would take a second database connection while the first is still held.
  @EventListener
  void on(CaseOpened event) {
    AfterCommit.run(() -> broadcast(event.brand(), "case", json(event.reference(), "opened")));
  }

  @EventListener
  void on(CaseChanged event) {
    AfterCommit.run(() -> broadcast(event.brand(), "case", json(event.reference(), event.kind())));
  }

  @EventListener
  void on(MessageAdded event) {
    AfterCommit.run(() -> broadcast(event.brand(), "case", json(event.reference(), "message")));
  }

  @EventListener
  void on(io.parley.conversations.MessageRevised event) {
    AfterCommit.run(() -> broadcast(event.brand(), "case", json(event.reference(), "message")));
  }

  @EventListener
  void on(io.parley.conversations.MessageHidden event) {
    AfterCommit.run(() -> broadcast(event.brand(), "case", json(event.reference(), "message")));
  }

  @Override
  public void toUser(io.parley.identity.UserId user, String event, String data) {
    emitters.forEach(
        (emitter, viewer) -> {
          if (viewer.id().equals(user)) {
            send(emitter, event, data);
          }
        });
  }

  void presenceChanged(BrandId brand, String reference) {
    broadcast(brand, "presence", json(reference, "presence"));
  }

  /** Comments keep idle connections open through proxies and reveal dead ones. */
  @Scheduled(fixedDelay = 20_000)
  void heartbeat() {
    emitters.keySet().forEach(e -> send(e, null, null));
  }

  private void broadcast(BrandId brand, String name, String data) {
    emitters.forEach(
        (emitter, viewer) -> {
          if (viewer.canSee(brand)) {
            send(emitter, name, data);
          }
        });
  }

  private void send(SseEmitter emitter, String name, String data) {
    try {
      if (name == null) {
        emitter.send(SseEmitter.event().comment("keep-alive"));
      } else {
        emitter.send(SseEmitter.event().name(name).data(data));
      }
    } catch (IOException | IllegalStateException e) {
      emitters.remove(emitter);
    }
  }

  private static String json(String reference, String kind) {
    return "{\"reference\":\"" + reference + "\",\"kind\":\"" + kind.replace("\"", "") + "\"}";
  }
}
