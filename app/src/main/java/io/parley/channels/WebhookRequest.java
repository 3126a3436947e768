package io.parley.channels;

import java.util.List;
import java.util.Map;

/** An HTTP request a network sent to Parley, as its connector needs it to verify and read it. */
public record WebhookRequest(
    String method, Map<String, List<String>> headers, Map<String, String> query, byte[] body) {

  /** The first value of a header, matched without regard to case. */
  public String header(String name) {
    for (var entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }
}
