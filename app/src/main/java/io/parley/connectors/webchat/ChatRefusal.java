package io.parley.connectors.webchat;

/**
 * A visitor's request the chat refuses, answered as JSON {@code {"error": code}} with its HTTP
 * status; {@code retryAfter} (seconds) is set for rate limits.
 */
class ChatRefusal extends RuntimeException {

  private final int status;
  private final String code;
  private final Long retryAfter;

  ChatRefusal(int status, String code) {
    this(status, code, null);
  }

  ChatRefusal(int status, String code, Long retryAfter) {
    super(code, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Long retryAfter() {
    return retryAfter;
  }
}
