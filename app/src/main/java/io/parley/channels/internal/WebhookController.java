package io.parley.channels.internal;

import io.parley.channels.Capability;
import io.parley.channels.ConnectorException;
import io.parley.channels.WebhookRequest;
import io.parley.channels.WebhookResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where networks call Parley: {@code /hooks/{account}}. The account's connector verifies the
 * request (its signature) and reads the messages; each is stored through the inbound pipeline
 * before the network gets its answer, so an acknowledged message is never lost.
 */
@RestController
class WebhookController {

  private static final int MAX_BODY = 5 * 1024 * 1024;

  private final ChannelAccountRepository accounts;
  private final ConnectorRegistry registry;
  private final MissingParents parents;

  WebhookController(
      ChannelAccountRepository accounts, ConnectorRegistry registry, MissingParents parents) {
    this.accounts = accounts;
    this.registry = registry;
    this.parents = parents;
  }

  @RequestMapping("/hooks/{accountId}")
  ResponseEntity<String> receive(@PathVariable long accountId, HttpServletRequest http)
      throws IOException {
    var account = accounts.findById(accountId).filter(ChannelAccount::isActive);
    var webhookable =
        account.filter(
            a ->
                registry
                    .factory(a.getType())
                    .map(f -> f.capabilities().contains(Capability.WEBHOOK))
                    .orElse(false));
    var connector = webhookable.flatMap(registry::connector);
    if (connector.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .contentType(MediaType.APPLICATION_JSON)
          .body("{\"error\":\"unknown account\"}");
    }
    byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
          .contentType(MediaType.APPLICATION_JSON)
          .body("{\"error\":\"body too large\"}");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(http.getHeaderNames())) {
      headers.put(name, Collections.list(http.getHeaders(name)));
    }
    Map<String, String> query = new LinkedHashMap<>();
    http.getParameterMap().forEach((k, v) -> query.put(k, v.length == 0 ? "" : v[0]));
    WebhookResponse response;
    try {
      response =
          connector.get().handleWebhook(new WebhookRequest(http.getMethod(), headers, query, body));
    } catch (ConnectorException e) {
      // The connector needed its network (a file, a parent post) and could not get it: the network
      // delivers the update again later, and the account's health says why.
      Instant now = Instant.now();
      Instant limited = e.retryAfter() == null ? null : now.plus(e.retryAfter());
      accounts.recordError(accountId, now, InboundRecord.cut(e.getMessage(), 1000), limited);
      var busy =
          ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
              .contentType(MediaType.APPLICATION_JSON);
      if (e.retryAfter() != null) {
        busy = busy.header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
      }
      return busy.body("{\"error\":\"try again later\"}");
    }
    var view = registry.connectorAccount(account.get());
    for (var message : response.messages()) {
      var result = parents.ingestWithParents(connector.get(), view, message);
      if (result.outcome() == io.parley.channels.IngestResult.Outcome.FAILED) {
        // Stored as failed with its content; the network should not resend forever.
        break;
      }
    }
    if (response.status() >= 400) {
      accounts.recordError(
          accountId,
          Instant.now(),
          InboundRecord.cut(
              "webhook refused (" + response.status() + "): " + response.body(), 1000),
          null);
    } else {
      accounts.recordSuccess(accountId, Instant.now());
    }
    return ResponseEntity.status(response.status())
        .contentType(MediaType.parseMediaType(response.contentType()))
        .body(response.body());
  }
}
