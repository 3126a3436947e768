package io.parley.compliance;

import java.time.Instant;

/**
 * The result of checking the audit chain: intact, or the first broken place. {@code entries} were
 * checked against their hashes and {@code seals} against the key; {@code headHash} is the last hash
 * checked.
 */
public record Verification(
    boolean intact,
    long entries,
    long seals,
    String headHash,
    Instant checkedAt,
    Broken firstBroken) {

  /**
   * Where the chain breaks: chain {@code position}, the audit {@code entryId} (null when the link
   * itself is gone) and a {@code problem} key ({@code entry.altered}, {@code entry.missing}, {@code
   * link.altered}, {@code link.missing}, {@code seal.invalid}, {@code seal.mismatch}, {@code
   * head.mismatch}).
   */
  public record Broken(long position, Long entryId, String problem) {}

  /** One line for people: intact with its counts, or where it breaks. */
  public String describe() {
    if (intact) {
      return "Audit chain intact: " + entries + " entries, " + seals + " seals, head " + headHash;
    }
    return "Audit chain BROKEN at position "
        + firstBroken.position()
        + (firstBroken.entryId() == null ? "" : ", entry " + firstBroken.entryId())
        + ": "
        + firstBroken.problem()
        + " ("
        + entries
        + " entries verified before it)";
  }
}
