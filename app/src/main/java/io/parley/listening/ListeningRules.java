package io.parley.listening;

import io.parley.identity.BrandId;
import io.parley.listening.internal.RuleBook;
import org.springframework.stereotype.Service;

/**
 * Defines listening rules from other modules (the demo's, an import): the same checks as the admin
 * page, and the live engine reloads after commit.
 */
@Service
public class ListeningRules {

  private final RuleBook book;

  ListeningRules(RuleBook book) {
    this.book = book;
  }

  /**
   * A rule of {@code brand}: posts matching {@code query} become mentions with {@code tags}
   * (comma-separated, e.g. {@code competitor:orion}), and open a case of {@code priority} (null:
   * normal) when {@code opensCase}, else are only watched. Throws {@link IllegalArgumentException}
   * naming the first problem (a query that does not parse, say).
   */
  public long define(
      BrandId brand, String name, String query, boolean opensCase, String priority, String tags) {
    return book.define(brand.value(), name, query, opensCase, priority, tags);
  }
}
