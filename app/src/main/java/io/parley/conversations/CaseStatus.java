package io.parley.conversations;

/** Where a case stands. Solved cases can reopen; closed ones are final. */
public enum CaseStatus {
  NEW,
  OPEN,
  PENDING_CUSTOMER,
  PENDING_INTERNAL,
  SOLVED,
  CLOSED;

  public boolean isActive() {
    return this != SOLVED && this != CLOSED;
  }
}
