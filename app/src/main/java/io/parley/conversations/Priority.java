package io.parley.conversations;

/** How urgent a case is. */
public enum Priority {
  LOW,
  NORMAL,
  HIGH,
  URGENT
}
