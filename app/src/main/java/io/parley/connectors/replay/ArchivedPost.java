package io.parley.connectors.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * One line of a replay archive (JSON Lines, UTF-8, optionally gzipped), close to an inbound
 * message:
 *
 * <pre>{@code
 * {"id":"wb-4967000000000101","network":"weibo","threadId":"wb-4967000000000100",
 *  "parentId":"wb-4967000000000100",
 *  "author":{"network":"weibo","id":"5000000000","handle":"wangjun","name":"王军",
 *            "followers":1204,"bio":"生活在北京。"},
 *  "text":"@Acme手机 蓝牙无法连接，已经重启过了","language":"zh","public":true,
 *  "source":"DIRECT","offset":12.5,"sentAt":"2026-03-01T08:00:00Z"}
 * }</pre>
 *
 * {@code id}, {@code author.id} and {@code text} are required; {@code source} is {@code DIRECT}
 * (the post addresses the brand) or {@code LISTENED} (found by listening); {@code offset} is
 * seconds from the archive's start, {@code sentAt} the original time (used when the account keeps
 * original timestamps).
 */
record ArchivedPost(
    String id,
    String network,
    String threadId,
    String parentId,
    Author author,
    String text,
    String language,
    boolean publicPost,
    String source,
    double offset,
    Instant sentAt) {

  /** Who wrote a post. */
  record Author(
      String network, String id, String handle, String name, Long followers, String bio) {}

  /** Reads one line; throws {@link IllegalArgumentException} saying what is wrong. */
  static ArchivedPost of(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a JSON object is expected");
    }
    String id = text(node, "id");
    String body = text(node, "text");
    JsonNode author = node.path("author");
    String authorId = author.isObject() ? text(author, "id") : null;
    if (id == null || authorId == null || body == null) {
      throw new IllegalArgumentException("id, author.id and text are required");
    }
    String network = text(node, "network");
    network = network == null ? "replay" : network;
    JsonNode followers = author.path("followers");
    Instant sentAt = null;
    String sent = text(node, "sentAt");
    if (sent != null) {
      try {
        sentAt = Instant.parse(sent);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("sentAt must be an ISO-8601 instant");
      }
    }
    String source = text(node, "source");
    return new ArchivedPost(
        id,
        network,
        text(node, "threadId"),
        text(node, "parentId"),
        new Author(
            text(author, "network") == null ? network : text(author, "network"),
            authorId,
            text(author, "handle"),
            text(author, "name"),
            followers.isNumber() ? followers.asLong() : null,
            text(author, "bio")),
        body,
        text(node, "language"),
        !node.path("public").isBoolean() || node.path("public").asBoolean(),
        source == null ? "DIRECT" : source.toUpperCase(java.util.Locale.ROOT),
        node.path("offset").isNumber() ? node.path("offset").asDouble() : 0,
        sentAt);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isString() || value.isNumber()) {
      String s = value.asString().strip();
      return s.isEmpty() ? null : s;
    }
    return null;
  }
}
