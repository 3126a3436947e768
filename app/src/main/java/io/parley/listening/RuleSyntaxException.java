package io.parley.listening;

/**
 * A rule's query could not be read: {@code position} is the 0-based character index where the
 * problem is, {@code reason} a stable key ({@code listening.query.<reason>} in the messages).
 */
public class RuleSyntaxException extends IllegalArgumentException {

  private final int position;
  private final String reason;

  public RuleSyntaxException(int position, String reason, String detail) {
    super(detail + " (at position " + (position + 1) + ")");
    this.position = position;
    this.reason = reason;
  }

  public int position() {
    return position;
  }

  public String reason() {
    return reason;
  }
}
