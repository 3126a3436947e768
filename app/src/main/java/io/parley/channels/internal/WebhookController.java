package io.parley.channels.internal;

import io.parley.channels.Capability;
import io.parley.channels.WebhookRequest;
import io.parley.channels.WebhookResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
  private final InboundPipeline pipeline;

  WebhookController(
      ChannelAccountRepository accounts, ConnectorRegistry registry, InboundPipeline pipeline) {
    this.accounts = accounts;
    this.registry = registry;
    this.pipeline = pipeline;
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
    WebhookResponse response =
        connector.get().handleWebhook(new WebhookRequest(http.getMethod(), headers, query, body));
    if (response.status() >= 400) {
      // Shown on the account's health: a wrong token or a replayed call is worth an admin's look.
      accounts.recordRefusal(
          accountId,
          java.time.Instant.now(),
          InboundRecord.cut(
              "Webhook call refused (" + response.status() + "): " + response.body(), 1000));
    }
    var view = registry.connectorAccount(account.get());
    boolean stored = !response.messages().isEmpty();
    for (var message : response.messages()) {
      var result = pipeline.ingest(view, message);
      if (result.outcome() == io.parley.channels.IngestResult.Outcome.FAILED) {
        // Stored as failed with its content; the network should not resend forever.
        stored = false;
        break;
      }
    }
    if (stored) {
      accounts.recordReceived(accountId, java.time.Instant.now());
    }
    return ResponseEntity.status(response.status())
        .contentType(MediaType.parseMediaType(response.contentType()))
        .body(response.body());
  }
}
