package io.parley.customers;

/** Invalid customer data; the message key names the problem in {@code i18n/messages}. */
public class CustomerRejected extends RuntimeException {

  private final String messageKey;
  private final Object[] arguments;

  public CustomerRejected(String messageKey, Object... arguments) {
    super(messageKey);
    this.messageKey = messageKey;
    this.arguments = arguments;
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] arguments() {
    return arguments;
  }
}
