package io.parley.conversations;

/**
 * A case operation that cannot be done: invalid input, a closed case, or a change based on a stale
 * version ({@link #isConflict()}). The message key names the problem in {@code i18n/messages}.
 */
public class CaseRejected extends RuntimeException {

  private final String messageKey;
  private final boolean conflict;
  private final boolean forbidden;
  private Object[] args = new Object[0];

  public CaseRejected(String messageKey, boolean conflict) {
    this(messageKey, conflict, false);
  }

  private CaseRejected(String messageKey, boolean conflict, boolean forbidden) {
    super(messageKey);
    this.messageKey = messageKey;
    this.conflict = conflict;
    this.forbidden = forbidden;
  }

  /** The actor may not do this (e.g. answer through a channel account they were not granted). */
  public static CaseRejected forbidden(String messageKey) {
    return new CaseRejected(messageKey, false, true);
  }

  public boolean isForbidden() {
    return forbidden;
  }

  public static CaseRejected invalid(String messageKey) {
    return new CaseRejected(messageKey, false);
  }

  /** Invalid input whose message needs arguments (e.g. a length and its limit). */
  public static CaseRejected invalid(String messageKey, Object... args) {
    CaseRejected rejected = new CaseRejected(messageKey, false);
    rejected.args = args == null ? new Object[0] : args.clone();
    return rejected;
  }

  /** The arguments of the message (empty when it takes none). */
  public Object[] args() {
    return args.clone();
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
