package io.parley.conversations;

import io.parley.identity.UserId;
import java.util.Set;

/**
 * Changes to apply to a case; null fields stay as they are. {@code unassign} puts the case back in
 * its queue.
 */
public record CaseUpdate(
    String subject,
    CaseStatus status,
    Priority priority,
    UserId assignee,
    boolean unassign,
    Set<String> tags) {

  public static CaseUpdate status(CaseStatus status) {
    return new CaseUpdate(null, status, null, null, false, null);
  }
}
