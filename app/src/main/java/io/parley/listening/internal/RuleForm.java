package io.parley.listening.internal;

import io.parley.channels.ChannelAccounts;
import io.parley.listening.RuleQuery;
import io.parley.listening.RuleSyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rule as the admin form sends it; lists (languages, networks, accounts, skills, tags) are comma
 * separated.
 */
record RuleForm(
    Long brandId,
    String name,
    String query,
    String exclusions,
    String languages,
    String networks,
    String accounts,
    RuleAction action,
    boolean notifies,
    Long queueId,
    String priority,
    String skills,
    String tags,
    boolean active) {

  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_.:-]{1,60}");
  private static final Set<String> PRIORITIES = Set.of("LOW", "NORMAL", "HIGH", "URGENT");

  /** One problem with a field: a message key and its arguments. */
  record Problem(String key, Object... args) {}

  static RuleForm empty(Long brandId) {
    return new RuleForm(
        brandId, "", "", "", "", "", "", RuleAction.WATCH, false, null, "", "", "", true);
  }

  /** Languages, networks, accounts: separated by commas or spaces, lower case. */
  static Set<String> list(String csv) {
    return split(csv, "[,，\\s]+");
  }

  /**
   * Tags and skills: only commas separate them (a space inside one is a mistake to point out, not a
   * second tag).
   */
  static Set<String> commaList(String csv) {
    return split(csv, "[,，]");
  }

  private static Set<String> split(String csv, String separators) {
    if (csv == null || csv.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(csv.split(separators))
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static Problem tagProblem(String tag) {
    return tag.chars().anyMatch(Character::isWhitespace)
        ? new Problem("listening.rule.tags.space", tag)
        : new Problem("listening.rule.tags.invalid", tag);
  }

  /** Every problem, by field name; empty when the rule can be saved. */
  Map<String, Problem> problems() {
    Map<String, Problem> problems = new LinkedHashMap<>();
    if (brandId == null) {
      problems.put("brandId", new Problem("listening.rule.brand.required"));
    }
    if (name == null || name.isBlank() || name.strip().length() > 200) {
      problems.put("name", new Problem("listening.rule.name.invalid"));
    }
    queryProblem(query).ifPresent(p -> problems.put("query", p));
    if (exclusions != null && !exclusions.isBlank()) {
      exclusionsProblem(exclusions).ifPresent(p -> problems.put("exclusions", p));
    }
    for (String language : list(languages)) {
      if (language.matches("[a-z]{2,3}([-_][a-z0-9]{2,8})+")) {
        // posts carry the main language only ("zh"), so "zh-cn" would never match
        problems.put(
            "languages",
            new Problem("listening.rule.languages.region", language, language.split("[-_]")[0]));
      } else if (!language.matches("[a-z]{2,3}")) {
        problems.put("languages", new Problem("listening.rule.languages.invalid", language));
      }
    }
    for (String network : list(networks)) {
      if (!ChannelAccounts.TYPES.contains(network)) {
        problems.put(
            "networks",
            new Problem(
                "listening.rule.networks.invalid",
                network,
                String.join(", ", new java.util.TreeSet<>(ChannelAccounts.TYPES))));
      }
    }
    for (String account : list(accounts)) {
      if (!account.matches("\\d{1,18}")) {
        problems.put("accounts", new Problem("listening.rule.accounts.invalid", account));
      }
    }
    for (String tag : commaList(tags)) {
      if (!TAG.matcher(tag).matches()) {
        problems.put("tags", tagProblem(tag));
      }
    }
    for (String skill : commaList(skills)) {
      if (!TAG.matcher("skill:" + skill).matches()) {
        problems.put("skills", tagProblem(skill));
      }
    }
    if (action == null) {
      problems.put("action", new Problem("listening.rule.action.required"));
    }
    if (priority != null && !priority.isBlank() && !PRIORITIES.contains(priority)) {
      problems.put("priority", new Problem("listening.rule.priority.invalid"));
    }
    return problems;
  }

  static java.util.Optional<Problem> queryProblem(String query) {
    return problem(query, RuleQuery::parse);
  }

  /** Exclusions: any one of them present stops the rule ({@link RuleQuery#parseAnyOf}). */
  static java.util.Optional<Problem> exclusionsProblem(String exclusions) {
    return problem(exclusions, RuleQuery::parseAnyOf);
  }

  private static java.util.Optional<Problem> problem(
      String query, java.util.function.Function<String, RuleQuery> parser) {
    try {
      parser.apply(query);
      return java.util.Optional.empty();
    } catch (RuleSyntaxException e) {
      return java.util.Optional.of(
          new Problem(
              "listening.query." + e.reason(), e.position() + 1, near(query, e.position())));
    }
  }

  /** A few characters from the problem on, to show where it is. */
  private static String near(String text, int position) {
    if (text == null || position >= text.length()) {
      return "";
    }
    int end = Math.min(text.length(), position + 12);
    return text.substring(position, end);
  }

  /** The tags a new case gets: the rule's tags and its skills as skill: tags. */
  Set<String> caseTags() {
    Set<String> all = new LinkedHashSet<>(commaList(tags));
    commaList(skills).forEach(s -> all.add("skill:" + s));
    return all;
  }
}
