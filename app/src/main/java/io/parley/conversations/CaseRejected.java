package io.parley.conversations;

/**
 * A case operation that cannot be done: invalid input, a closed case, or a change based on a stale
 * version ({@link #isConflict()}). The message key names the problem in {@code i18n/messages}.
 */
public class CaseRejected extends RuntimeException {

  private final String messageKey;
  private final boolean conflict;

  public CaseRejected(String messageKey, boolean conflict) {
    super(messageKey);
    this.messageKey = messageKey;
    this.conflict = conflict;
  }

  public static CaseRejected invalid(String messageKey) {
    return new CaseRejected(messageKey, false);
  }

  public static CaseRejected conflict(String messageKey) {
    return new CaseRejected(messageKey, true);
  }

  public String messageKey() {
    return messageKey;
  }

  public boolean isConflict() {
    return conflict;
  }
}
