package io.parley.identity;

/**
 * A request the identity module refused, with a message key (in {@code i18n/messages}) a person can
 * read in their own language.
 */
public class Rejected extends RuntimeException {

  private final String messageKey;

  public Rejected(String messageKey) {
    super(messageKey);
    this.messageKey = messageKey;
  }

  public String messageKey() {
    return messageKey;
  }
}
