package io.parley.conversations;

import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import java.time.Instant;
import java.util.Set;

/**
 * Another module's part in opening a case, decided in the opening's transaction before the case is
 * written: tags to add (a customer's service tier, say) and a queue the case must wait in. The case
 * is written once with them, instead of opened and then changed (which recorded, audited and routed
 * a second change for every new case).
 */
public interface OpeningContributor {

  /** What to add to a case of {@code brand} for {@code customer} (null: unknown) opening now. */
  Contribution contribute(BrandId brand, CustomerId customer, Priority priority, Instant openedAt);

  /**
   * Called once before several cases open together (a page of messages), with their customers: a
   * contributor may read what it needs for all of them at once, then answer each {@link
   * #contribute} from it. Nothing by default.
   */
  default void prepare(java.util.Collection<CustomerId> customers) {}

  /**
   * Tags to add (invalid ones are dropped as any tag is), a queue of the case's brand that
   * overrides any other (null: none) and one for a case that would otherwise be in none (null:
   * none).
   */
  record Contribution(Set<String> tags, Long queueId, Long fallbackQueueId) {

    public static final Contribution NONE = new Contribution(Set.of(), null, null);

    public Contribution(Set<String> tags, Long queueId) {
      this(tags, queueId, null);
    }
  }
}
