package io.parley.connectors.webchat;

import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.DeliveryResult;
import io.parley.channels.OutboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * One web chat account. A reply is added to the visitor's transcript and pushed to their open
 * pages. When no page of theirs is open, a visitor who left an email address (or was identified
 * with one) is reported unreachable, so the outbox sends the reply from the brand's email account;
 * an anonymous visitor finds it in the transcript when they come back.
 */
class WebchatConnector implements ChannelConnector {

  private final ConnectorAccount account;
  private final Transcripts transcripts;
  private final LiveChats live;
  private final JsonMapper json;

  WebchatConnector(
      ConnectorAccount account, Transcripts transcripts, LiveChats live, JsonMapper json) {
    this.account = account;
    this.transcripts = transcripts;
    this.live = live;
    this.json = json;
  }

  ConnectorAccount account() {
    return account;
  }

  /** Origins of the sites allowed to embed the chat; empty allows any. */
  List<String> allowedOrigins() {
    return Arrays.stream(account.setting("allowedOrigins", "").split("[\\s,]+"))
        .map(String::strip)
        .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
        .filter(o -> !o.isEmpty())
        .toList();
  }

  String identitySecret() {
    return account.setting("identitySecret");
  }

  String greeting() {
    return account.setting("greeting");
  }

  String offlineMessage() {
    return account.setting("offlineMessage");
  }

  Duration agentIdleAfter() {
    return Duration.ofMinutes(Math.max(1, account.intSetting("agentIdleMinutes", 15)));
  }

  int visitorMessagesPerMinute() {
    return Math.max(1, account.intSetting("visitorMessagesPerMinute", 20));
  }

  int addressMessagesPerMinute() {
    return Math.max(1, account.intSetting("addressMessagesPerMinute", 60));
  }

  @Override
  public DeliveryResult send(OutboundMessage message) {
    long accountId = account.id().value();
    String recipient = message.recipient() == null ? "" : message.recipient();
    boolean hasEmail = recipient.contains("@");
    List<String> answered = new ArrayList<>(message.references());
    if (message.inReplyTo() != null) {
      answered.add(message.inReplyTo());
    }
    Optional<String> session = transcripts.sessionOfLines(accountId, answered);
    if (session.isEmpty() && !hasEmail) {
      session = transcripts.sessionOfVisitor(accountId, recipient);
    }
    if (session.isEmpty()) {
      return hasEmail
          ? DeliveryResult.unreachable("webchat: no chat with " + recipient)
          : DeliveryResult.failed("webchat: no chat with " + recipient);
    }
    var added =
        transcripts.add(
            session.get(),
            accountId,
            Transcripts.AGENT,
            "webchat-out:" + message.idempotencyKey(),
            account.name(),
            message.text() == null ? "" : message.text());
    if (added.isEmpty()) {
      // Erased since it was found: the chat is over.
      return hasEmail
          ? DeliveryResult.unreachable("webchat: chat with " + recipient + " ended")
          : DeliveryResult.failed("webchat: chat with " + recipient + " ended");
    }
    var line = added.get();
    if (live.push(session.get(), "line", json.writeValueAsString(view(line)))) {
      return DeliveryResult.sent(line.externalId());
    }
    // Kept in the transcript either way: the visitor sees it when they come back.
    return hasEmail
        ? DeliveryResult.unreachable("webchat: visitor left, answering by email")
        : DeliveryResult.sent(line.externalId());
  }

  /** A line as the widget reads it. */
  static Map<String, Object> view(Transcripts.Line line) {
    return Map.of(
        "id", line.id(),
        "from", line.sender(),
        "author", line.author() == null ? "" : line.author(),
        "text", line.body(),
        "at", line.at().toString());
  }
}
