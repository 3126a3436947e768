package io.parley.channels;

import java.util.List;

/**
 * What a connector made of a webhook call: the messages to ingest and the answer the network
 * expects (some networks want a challenge echoed, others an empty 200).
 */
public record WebhookResponse(
    int status, String contentType, String body, List<InboundMessage> messages) {

  public WebhookResponse {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  public static WebhookResponse accepted(List<InboundMessage> messages) {
    return new WebhookResponse(200, "application/json", "{\"status\":\"accepted\"}", messages);
  }

  public static WebhookResponse refused(int status, String reason) {
    return new WebhookResponse(
        status, "application/json", "{\"error\":\"" + reason + "\"}", List.of());
  }
}
