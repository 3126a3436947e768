package io.parley.channels;

import java.util.List;
import java.util.Set;

/**
 * What an {@link InboundClassifier} made of an inbound message: the ids of the rules it matched
 * (empty: none), the tags a new case gets (skills as {@code skill:<name>} tags), the queue and
 * priority name ("LOW", "NORMAL", "HIGH", "URGENT") for a new case (null: the default), and whether
 * a post that was not addressed to the brand must become a case. (Its sentiment is the mention's,
 * analysed where the mention is written.)
 */
public record Classification(
    List<Long> ruleIds, Set<String> tags, Long queueId, String priority, boolean openCase) {

  /** Nothing matched. */
  public static final Classification NONE =
      new Classification(List.of(), Set.of(), null, null, false);

  public Classification {
    ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
    tags = tags == null ? Set.of() : Set.copyOf(tags);
  }

  /** Whether any rule matched. */
  public boolean matched() {
    return !ruleIds.isEmpty();
  }
}
