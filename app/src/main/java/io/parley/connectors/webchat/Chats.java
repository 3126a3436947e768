package io.parley.connectors.webchat;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.ChannelRejected;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.Ingest;
import io.parley.channels.IngestResult;
import io.parley.identity.StaffOnline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The visitor's side of a web chat: starting (or resuming) their session, and writing. Every
 * message goes through the account's inbound pipeline like any other channel's, threaded to the
 * chat's case by the ids of the chat's earlier lines.
 */
@Component
class Chats {

  static final int MAX_TEXT = 4000;

  private final ChannelAccounts accounts;
  private final Ingest ingest;
  private final StaffOnline staff;
  private final Transcripts transcripts;
  private final LiveChats live;
  private final ChatRateLimits limits;
  private final JsonMapper json;
  private final org.springframework.context.ApplicationEventPublisher events;

  Chats(
      org.springframework.context.ApplicationEventPublisher events,
      ChannelAccounts accounts,
      Ingest ingest,
      StaffOnline staff,
      Transcripts transcripts,
      LiveChats live,
      ChatRateLimits limits,
      JsonMapper json) {
    this.accounts = accounts;
    this.ingest = ingest;
    this.staff = staff;
    this.transcripts = transcripts;
    this.live = live;
    this.limits = limits;
    this.json = json;
    this.events = events;
  }

  /** A started chat: the session, whether an agent is there, and the transcript so far. */
  record Started(Transcripts.Session session, boolean online, List<Transcripts.Line> lines) {}

  /** A written message as the visitor's transcript keeps it, and whether an agent is there. */
  record Written(Transcripts.Line line, boolean online) {}

  /** The web chat account, if it exists, is active and configured. */
  WebchatConnector chat(long accountId) {
    return accounts
        .connector(new ChannelAccountId(accountId))
        .filter(WebchatConnector.class::isInstance)
        .map(WebchatConnector.class::cast)
        .orElseThrow(() -> new ChatRefusal(404, "unknown_chat"));
  }

  Started start(WebchatConnector chat, String visitorId, String identity, String address) {
    limit(chat, "address:" + address, chat.addressMessagesPerMinute());
    Visitor visitor;
    if (identity != null && !identity.isBlank()) {
      visitor =
          SignedIdentity.verify(identity, chat.identitySecret(), Instant.now(), json)
              .orElseThrow(() -> new ChatRefusal(401, "identity_invalid"));
    } else {
      visitor =
          Visitor.anonymous(visitorId).orElseThrow(() -> new ChatRefusal(400, "visitor_invalid"));
    }
    var session = transcripts.open(chat.account().id().value(), visitor);
    return new Started(session, online(chat), transcripts.lines(session.id(), 0, 100));
  }

  /**
   * Tells agents the visitor is typing, at most every second and a half per session. Nothing
   * happens before the first message: there is no case yet.
   */
  void typing(WebchatConnector chat, Transcripts.Session session) {
    long now = System.currentTimeMillis();
    Long last = typingSignals.getIfPresent(session.id());
    if (last != null && now - last < 1_500) {
      return;
    }
    List<String> lines = transcripts.threadIds(session.id());
    if (!lines.isEmpty()) {
      typingSignals.put(session.id(), now);
      events.publishEvent(new io.parley.channels.CustomerTyping(chat.account().id(), lines));
    }
  }

  private final com.github.benmanes.caffeine.cache.Cache<String, Long> typingSignals =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
          .maximumSize(100_000)
          .expireAfterWrite(java.time.Duration.ofMinutes(1))
          .build();

  Transcripts.Session session(WebchatConnector chat, String sessionId) {
    return transcripts
        .find(chat.account().id().value(), sessionId)
        .orElseThrow(() -> new ChatRefusal(404, "unknown_session"));
  }

  /** The session, if the chat goes on: an erased one is gone for good (410 {@code chat_ended}). */
  Transcripts.Session ongoing(WebchatConnector chat, String sessionId) {
    var session = session(chat, sessionId);
    if (session.erased()) {
      throw new ChatRefusal(410, "chat_ended");
    }
    return session;
  }

  Written write(
      WebchatConnector chat,
      String sessionId,
      String text,
      String email,
      String name,
      String address) {
    long accountId = chat.account().id().value();
    var session = ongoing(chat, sessionId);
    limit(chat, "visitor:" + session.visitor(), chat.visitorMessagesPerMinute());
    limit(chat, "address:" + address, chat.addressMessagesPerMinute());
    String body = text == null ? "" : text.strip();
    if (body.isEmpty() || body.length() > MAX_TEXT) {
      throw new ChatRefusal(400, "text_invalid");
    }
    String given = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
    String givenName = name == null || name.isBlank() ? null : cut(name.strip(), 200);
    if (!given.isEmpty()) {
      if (!given.matches("[^@\\s]{1,200}@[^@\\s]+\\.[^@\\s]{1,100}")) {
        throw new ChatRefusal(400, "email_invalid");
      }
      if (!transcripts.rememberContact(session.id(), given, givenName)) {
        throw new ChatRefusal(410, "chat_ended");
      }
    }
    String replyTo = given.isEmpty() ? session.email() : given;
    String displayName = givenName != null ? givenName : session.displayName();
    boolean online = online(chat);
    if (!online && replyTo == null) {
      throw new ChatRefusal(422, "email_required");
    }
    List<String> answered = transcripts.threadIds(session.id());
    String externalId = "webchat:" + UUID.randomUUID();
    var message =
        new InboundMessage(
            externalId,
            session.id(),
            answered,
            new InboundAuthor("webchat", session.visitor(), null, displayName, replyTo, null),
            cut(body.replaceAll("\\s+", " "), 80),
            body,
            null,
            List.of(),
            false,
            Instant.now(),
            Map.of("webchat-offline", String.valueOf(!online)));
    IngestResult result;
    try {
      result = ingest.receive(chat.account().id(), message);
    } catch (ChannelRejected e) {
      throw new ChatRefusal(404, "unknown_chat");
    }
    if (result.outcome() == IngestResult.Outcome.FAILED) {
      throw new ChatRefusal(503, "not_stored");
    }
    // Erased since it was checked: what went to the case is erased with it or stays there, the
    // chat takes nothing more.
    var line =
        transcripts
            .add(session.id(), accountId, Transcripts.VISITOR, externalId, displayName, body)
            .orElseThrow(() -> new ChatRefusal(410, "chat_ended"));
    // The visitor's other open pages show it too.
    live.push(session.id(), "line", json.writeValueAsString(WebchatConnector.view(line)));
    return new Written(line, online);
  }

  List<Transcripts.Line> transcript(Transcripts.Session session, long after) {
    return transcripts.lines(session.id(), after, 100);
  }

  boolean online(WebchatConnector chat) {
    return staff.anyoneServing(chat.account().brand(), chat.agentIdleAfter());
  }

  private void limit(WebchatConnector chat, String key, int perMinute) {
    OptionalLong wait = limits.take(chat.account().id().value() + "|" + key, perMinute);
    if (wait.isPresent()) {
      throw new ChatRefusal(429, "rate_limited", wait.getAsLong());
    }
  }

  private static String cut(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }
}
