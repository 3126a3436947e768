package io.parley.listening.internal;

/** Rule forms for tests: a watch-only rule, active, with nothing else set but what is given. */
final class RuleForms {

  private RuleForms() {}

  static RuleForm watching(
      long brandId, String query, String exclusions, String languages, String networks) {
    return new RuleForm(
        brandId,
        "rule " + query,
        query,
        exclusions,
        languages,
        networks,
        null,
        RuleAction.WATCH,
        false,
        null,
        null,
        null,
        null,
        true);
  }
}
