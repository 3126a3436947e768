package io.parley.identity;

/** Whether a staff member takes new cases now. */
public enum PresenceStatus {
  /** Takes new cases. */
  ONLINE,
  /** Keeps their cases but takes no new ones. */
  AWAY,
  /** Gone: takes nothing, and cases not yet started go back to their queues. */
  OFFLINE
}
