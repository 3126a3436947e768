package io.parley.channels.internal;

import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMedia;
import io.parley.channels.InboundMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An inbound record's payload: the message as it was received, as JSON, written by the pipeline and
 * read back to complete a captured post's case.
 */
@Component
class InboundPayload {

  private static final int MAX_PAYLOAD = 900_000;

  private final JsonMapper json;

  InboundPayload(JsonMapper json) {
    this.json = json;
  }

  /** The message as received, without attachment bytes (they go to the case). */
  String write(InboundMessage message) {
    Map<String, Object> copy = new LinkedHashMap<>();
    copy.put("externalId", message.externalId());
    copy.put("threadId", message.threadId());
    copy.put("parentIds", message.parentIds());
    copy.put("author", message.author());
    copy.put("subject", message.subject());
    copy.put("text", message.text());
    copy.put("html", message.html());
    copy.put(
        "attachments",
        message.attachments().stream()
            .map(a -> Map.of("fileName", String.valueOf(a.fileName()), "size", a.size()))
            .toList());
    copy.put("media", message.media());
    copy.put("publicPost", message.publicPost());
    copy.put("sentAt", message.sentAt() == null ? null : message.sentAt().toString());
    copy.put("signals", message.signals());
    copy.put("source", message.source().name());
    copy.put("language", message.language());
    copy.put("receivedAt", Instant.now().toString());
    String text = json.writeValueAsString(copy);
    return text.length() > MAX_PAYLOAD ? text.substring(0, MAX_PAYLOAD) : text;
  }

  /**
   * The message back from its payload, as far as {@link #write} kept it: attachments (only named
   * there) come back as none, which is all a listened post has.
   */
  InboundMessage read(String payload) {
    if (payload == null) {
      throw new IllegalStateException("The inbound record has no payload");
    }
    JsonNode node = json.readTree(payload);
    List<String> parents = new ArrayList<>();
    node.path("parentIds").forEach(p -> parents.add(p.asString()));
    List<InboundMedia> media = new ArrayList<>();
    node.path("media").forEach(m -> media.add(json.treeToValue(m, InboundMedia.class)));
    Map<String, String> signals = new HashMap<>();
    node.path("signals")
        .properties()
        .forEach(e -> signals.put(e.getKey(), e.getValue().asString()));
    JsonNode author = node.get("author");
    String sentAt = text(node, "sentAt");
    return new InboundMessage(
        text(node, "externalId"),
        text(node, "threadId"),
        parents,
        author == null || author.isNull() ? null : json.treeToValue(author, InboundAuthor.class),
        text(node, "subject"),
        text(node, "text"),
        text(node, "html"),
        List.of(),
        node.path("publicPost").asBoolean(true),
        sentAt == null ? null : Instant.parse(sentAt),
        signals,
        InboundMessage.Source.valueOf(node.path("source").asString("LISTENED")),
        text(node, "language"),
        media);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }
}
