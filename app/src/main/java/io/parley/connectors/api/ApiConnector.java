package io.parley.connectors.api;

import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.OutboundMessage;
import io.parley.channels.WebhookRequest;
import io.parley.channels.WebhookResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One API account. Inbound: a POST whose {@code X-Parley-Signature} matches the body is read as
 * {@code {externalId, threadId?, author: {id, name?, email?}, subject?, text, sentAt?}}; {@code
 * threadId} names an earlier message of the conversation (its {@code externalId}), so the message
 * joins that message's case. A replayed request carries the same {@code externalId} and is dropped
 * by the inbound idempotency guard. Outbound: the reply is posted as JSON to the callback URL,
 * signed, with an {@code Idempotency-Key} that stays the same on every retry.
 */
class ApiConnector implements ChannelConnector {

  private static final Logger log = LoggerFactory.getLogger(ApiConnector.class);
  private static final int MAX_TEXT = 100_000;

  private final ConnectorAccount account;
  private final JsonMapper json;
  private final HttpClient http;
  private final Duration timeout;

  ApiConnector(ConnectorAccount account, JsonMapper json) {
    this.account = account;
    this.json = json;
    this.timeout = Duration.ofSeconds(account.intSetting(ApiConnectorFactory.TIMEOUT_SECONDS, 10));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public WebhookResponse handleWebhook(WebhookRequest request) {
    if (!"POST".equalsIgnoreCase(request.method())) {
      return WebhookResponse.refused(405, "method not allowed");
    }
    byte[] body = request.body() == null ? new byte[0] : request.body();
    if (!Signatures.verify(
        account.setting(ApiConnectorFactory.SECRET), body, request.header(Signatures.HEADER))) {
      return WebhookResponse.refused(401, "invalid signature");
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      return WebhookResponse.refused(400, "invalid JSON");
    }
    if (root == null || !root.isObject()) {
      return WebhookResponse.refused(400, "invalid JSON: an object is expected");
    }
    String externalId = string(root, "externalId");
    JsonNode author = root.path("author");
    String authorId = author.isObject() ? string(author, "id") : null;
    String text = string(root, "text");
    if (externalId == null || externalId.length() > 500) {
      return WebhookResponse.refused(400, "externalId is required (at most 500 characters)");
    }
    if (authorId == null || authorId.length() > 200) {
      return WebhookResponse.refused(400, "author.id is required (at most 200 characters)");
    }
    if (text == null || text.length() > MAX_TEXT) {
      return WebhookResponse.refused(400, "text is required (at most 100000 characters)");
    }
    Instant sentAt = null;
    String sent = string(root, "sentAt");
    if (sent != null) {
      try {
        sentAt = Instant.parse(sent);
      } catch (DateTimeParseException e) {
        return WebhookResponse.refused(400, "sentAt must be an ISO-8601 instant");
      }
    }
    String threadId = string(root, "threadId");
    InboundAuthor from =
        new InboundAuthor(
            "api",
            // Scoped by account: two systems may both have a customer 42.
            account.id().value() + ":" + authorId,
            authorId,
            string(author, "name"),
            email(string(author, "email")),
            null);
    return WebhookResponse.accepted(
        List.of(
            new InboundMessage(
                externalId,
                threadId,
                List.of(),
                from,
                string(root, "subject"),
                text,
                null,
                List.of(),
                false,
                sentAt,
                Map.of())));
  }

  @Override
  public DeliveryResult send(OutboundMessage message) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(payload(message));
    } catch (JacksonException e) {
      return DeliveryResult.failed("Reply could not be written as JSON: " + e.getOriginalMessage());
    }
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(account.setting(ApiConnectorFactory.CALLBACK_URL)))
              .timeout(timeout)
              .header("Content-Type", "application/json; charset=utf-8")
              .header("Accept", "application/json")
              .header("User-Agent", "Parley")
              .header("Idempotency-Key", message.idempotencyKey())
              .header(
                  Signatures.HEADER,
                  Signatures.sign(account.setting(ApiConnectorFactory.SECRET), body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
    } catch (IllegalArgumentException | NullPointerException e) {
      return DeliveryResult.failed("Invalid callback URL");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      log.warn("Callback of {} failed: {}", account, e.toString());
      return DeliveryResult.retry("Callback unreachable: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.retry("Interrupted while calling back", null);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return DeliveryResult.sent(idIn(response.body(), message.idempotencyKey()));
    }
    String error = "Callback answered " + status;
    if (status == 429) {
      return DeliveryResult.retry(
          error, retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    }
    if (status >= 500 || status == 408) {
      return DeliveryResult.retry(error, null);
    }
    return DeliveryResult.failed(error);
  }

  private static Map<String, Object> payload(OutboundMessage message) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("idempotencyKey", message.idempotencyKey());
    payload.put("caseReference", message.threadReference());
    payload.put("recipient", message.recipient());
    payload.put("recipientName", message.recipientName());
    payload.put("inReplyTo", message.inReplyTo());
    payload.put("subject", message.subject());
    payload.put("text", message.text());
    payload.put("html", message.html());
    return payload;
  }

  /** The receiving system's id for the reply ({@code {"id": ...}}), else the idempotency key. */
  private String idIn(String body, String fallback) {
    if (body == null || body.isBlank()) {
      return fallback;
    }
    try {
      JsonNode id = json.readTree(body).path("id");
      return id.isString() || id.isNumber() ? id.asString() : fallback;
    } catch (JacksonException e) {
      return fallback;
    }
  }

  /** Seconds or an HTTP date; at least one second, and a minute when the header says nothing. */
  static Duration retryAfter(String header) {
    if (header != null) {
      String value = header.strip();
      try {
        if (value.matches("\\d{1,9}")) {
          return Duration.ofSeconds(Math.max(1, Long.parseLong(value)));
        }
        Duration until =
            Duration.between(
                Instant.now(),
                ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() || until.isZero() ? Duration.ofSeconds(1) : until;
      } catch (DateTimeParseException e) {
        // fall through to the default
      }
    }
    return Duration.ofMinutes(1);
  }

  private static String string(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isString() || value.isNumber()) {
      String text = value.asString().strip();
      return text.isEmpty() ? null : text;
    }
    return null;
  }

  private static String email(String value) {
    return value != null && value.matches("[^@\\s]+@[^@\\s]+") && value.length() <= 320
        ? value
        : null;
  }
}
