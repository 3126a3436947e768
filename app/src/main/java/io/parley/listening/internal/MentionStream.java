package io.parley.listening.internal;

import io.parley.channels.Classification;
import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import io.parley.listening.MentionNotified;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells the mentions pages of this node about each new mention (server-sent events, only to viewers
 * of its brand) and publishes {@link MentionNotified} for rules that notify.
 */
@Component
class MentionStream {

  private final Map<SseEmitter, CurrentUser> emitters = new ConcurrentHashMap<>();
  private final LiveRules rules;
  private final ApplicationEventPublisher events;

  MentionStream(LiveRules rules, ApplicationEventPublisher events) {
    this.rules = rules;
    this.events = events;
  }

  SseEmitter subscribe(CurrentUser viewer) {
    SseEmitter emitter = new SseEmitter(Duration.ofHours(1).toMillis());
    emitters.put(emitter, viewer);
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(() -> emitters.remove(emitter));
    emitter.onError(e -> emitters.remove(emitter));
    send(emitter, "hello", "{}");
    return emitter;
  }

  void publish(MentionView mention, Classification classification) {
    LiveRules.Snapshot snapshot = rules.current();
    boolean notify =
        classification.ruleIds().stream()
            .map(snapshot.actions()::get)
            .anyMatch(a -> a != null && a.notifies());
    BrandId brand = new BrandId(mention.brandId());
    if (notify) {
      events.publishEvent(
          new MentionNotified(
              mention.id(),
              brand,
              classification.ruleIds(),
              mention.channelType(),
              mention.text()));
    }
    if (emitters.isEmpty()) {
      return;
    }
    String data =
        "{\"id\":"
            + mention.id()
            + ",\"sentiment\":\""
            + mention.sentiment()
            + "\",\"notify\":"
            + notify
            + "}";
    emitters.forEach(
        (emitter, viewer) -> {
          if (viewer.canSee(brand)) {
            send(emitter, "mention", data);
          }
        });
  }

  @Scheduled(fixedDelay = 20_000)
  void heartbeat() {
    emitters.keySet().forEach(e -> send(e, null, null));
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
}
