package io.parley.listening;

import java.util.Set;

/**
 * One rule as the matching engine needs it: which brand's posts it reads, its query, optional
 * exclusions (any of their terms present and the rule does not match), and its scope: languages
 * ("en", "zh"), networks (channel types, "weibo") and channel account ids; an empty scope set means
 * any.
 */
public record RuleSpec(
    long id,
    long brandId,
    RuleQuery query,
    RuleQuery exclusions,
    Set<String> languages,
    Set<String> networks,
    Set<Long> accounts) {

  public RuleSpec {
    languages = languages == null ? Set.of() : Set.copyOf(languages);
    networks = networks == null ? Set.of() : Set.copyOf(networks);
    accounts = accounts == null ? Set.of() : Set.copyOf(accounts);
  }

  public static RuleSpec of(long id, long brandId, String query) {
    return new RuleSpec(id, brandId, RuleQuery.parse(query), null, Set.of(), Set.of(), Set.of());
  }
}
