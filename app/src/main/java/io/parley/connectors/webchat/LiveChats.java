package io.parley.connectors.webchat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The visitors' open event streams on this node, by chat session: an agent's reply is pushed to
 * every open stream of its session (a visitor may have two tabs). A heartbeat finds streams whose
 * visitor has gone, so a visitor counts as reachable only while one of their pages is open.
 */
@Component
class LiveChats {

  private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();

  SseEmitter subscribe(String session) {
    // Browsers reconnect on their own; half an hour keeps threads and proxies sane.
    SseEmitter emitter = new SseEmitter(Duration.ofMinutes(30).toMillis());
    streams.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).add(emitter);
    Runnable remove = () -> forget(session, emitter);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    send(session, emitter, SseEmitter.event().name("hello").data("{}"));
    return emitter;
  }

  /** Tells the session's open streams that the chat is over, and closes them. */
  void end(String session) {
    Set<SseEmitter> emitters = streams.remove(session);
    if (emitters != null) {
      emitters.forEach(LiveChats::sendEnded);
    }
  }

  /** A stream for a chat that is over: it says so and closes. */
  SseEmitter ended() {
    SseEmitter emitter = new SseEmitter(Duration.ofSeconds(10).toMillis());
    sendEnded(emitter);
    return emitter;
  }

  private static void sendEnded(SseEmitter emitter) {
    try {
      // A page that does not know the event would reconnect at once: not for an hour.
      emitter.send(
          SseEmitter.event()
              .name("ended")
              .data("{}")
              .reconnectTime(Duration.ofHours(1).toMillis()));
      emitter.complete();
    } catch (IOException | IllegalStateException gone) {
      // The page went already.
    }
  }

  /** Pushes an event to the session's open streams; true when at least one took it. */
  boolean push(String session, String event, String json) {
    boolean delivered = false;
    for (SseEmitter emitter : streams.getOrDefault(session, Set.of())) {
      delivered |= send(session, emitter, SseEmitter.event().name(event).data(json));
    }
    return delivered;
  }

  boolean isOpen(String session) {
    return !streams.getOrDefault(session, Set.of()).isEmpty();
  }

  @Scheduled(fixedDelay = 15_000)
  void heartbeat() {
    streams.forEach(
        (session, emitters) ->
            emitters.forEach(e -> send(session, e, SseEmitter.event().comment("ping"))));
  }

  private boolean send(String session, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    try {
      emitter.send(event);
      return true;
    } catch (IOException | IllegalStateException gone) {
      forget(session, emitter);
      return false;
    }
  }

  private void forget(String session, SseEmitter emitter) {
    streams.computeIfPresent(
        session,
        (s, emitters) -> {
          emitters.remove(emitter);
          return emitters.isEmpty() ? null : emitters;
        });
  }
}
