package io.parley.integration;

import java.time.Instant;

/**
 * What a phone system reports about a call: it rings at an agent's extension, it is answered, it
 * ends. {@code callId} is the phone system's id for the call, the same across its events; {@code
 * caller} and {@code callee} are numbers as the phone system gives them.
 */
public record CallEvent(
    Type type, String callId, String caller, String callee, String extension, Instant at) {

  public enum Type {
    RINGING,
    ANSWERED,
    ENDED
  }
}
