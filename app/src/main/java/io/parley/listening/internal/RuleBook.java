package io.parley.listening.internal;

import io.parley.listening.Post;
import io.parley.listening.RuleEngine;
import io.parley.listening.RuleQuery;
import io.parley.listening.RuleSpec;
import io.parley.routing.QueueSummary;
import io.parley.routing.Routing;
import io.parley.shared.AfterCommit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The admins' rules: saved checked, and in force as soon as the change is committed. */
@Component
public class RuleBook {

  /** A rule saved, or why not. */
  record Saved(Long id, Map<String, RuleForm.Problem> problems) {
    boolean ok() {
      return problems.isEmpty();
    }
  }

  /** What a rule would have matched among the latest posts. */
  record Preview(int scanned, List<RecentPosts.Seen> matches, RuleForm.Problem problem) {}

  private final ListeningRuleRepository rules;
  private final LiveRules live;
  private final RecentPosts recent;
  private final Routing routing;

  RuleBook(ListeningRuleRepository rules, LiveRules live, RecentPosts recent, Routing routing) {
    this.rules = rules;
    this.live = live;
    this.recent = recent;
    this.routing = routing;
  }

  @Transactional(readOnly = true)
  List<ListeningRule> all() {
    return rules.findAllByOrderByBrandIdAscNameAsc();
  }

  @Transactional(readOnly = true)
  Optional<ListeningRule> find(long id) {
    return rules.findById(id);
  }

  /** Creates ({@code id} null) or changes a rule; nothing is saved while the form has problems. */
  @Transactional
  Saved save(Long id, RuleForm form) {
    Map<String, RuleForm.Problem> problems = new LinkedHashMap<>(form.problems());
    queueProblem(form).ifPresent(p -> problems.put("queueId", p));
    if (!problems.isEmpty()) {
      return new Saved(id, problems);
    }
    ListeningRule rule =
        id == null
            ? new ListeningRule(form.brandId())
            : rules.findById(id).orElseThrow(() -> new IllegalArgumentException("rule " + id));
    rule.apply(form);
    rule = rules.saveAndFlush(rule);
    reloadAfterCommit();
    return new Saved(rule.getId(), Map.of());
  }

  /** The queue for new cases must exist and belong to the rule's brand. */
  private Optional<RuleForm.Problem> queueProblem(RuleForm form) {
    if (form.queueId() == null || form.brandId() == null) {
      return Optional.empty();
    }
    Optional<QueueSummary> queue =
        routing.all().stream().filter(q -> q.id() == form.queueId()).findFirst();
    if (queue.isEmpty()) {
      return Optional.of(new RuleForm.Problem("listening.rule.queue.unknown"));
    }
    if (queue.get().brand().value() != form.brandId()) {
      return Optional.of(
          new RuleForm.Problem("listening.rule.queue.otherBrand", queue.get().name()));
    }
    return Optional.empty();
  }

  /** A rule defined by another module ({@link io.parley.listening.ListeningRules}). */
  @Transactional
  public long define(
      long brandId, String name, String query, boolean opensCase, String priority, String tags) {
    Saved saved =
        save(
            null,
            new RuleForm(
                brandId,
                name,
                query,
                null,
                null,
                null,
                null,
                opensCase ? RuleAction.OPEN_CASE : RuleAction.WATCH,
                false,
                null,
                priority,
                null,
                tags,
                true));
    if (!saved.ok()) {
      var problem = saved.problems().entrySet().iterator().next();
      throw new IllegalArgumentException(
          "Listening rule '" + name + "': " + problem.getKey() + " " + problem.getValue().key());
    }
    return saved.id();
  }

  @Transactional
  void delete(long id) {
    rules.deleteById(id);
    reloadAfterCommit();
  }

  /** Runs the rule in the form over the latest {@code limit} posts this node has seen. */
  Preview preview(RuleForm form, int limit) {
    Optional<RuleForm.Problem> problem =
        RuleForm.queryProblem(form.query())
            .or(
                () ->
                    form.exclusions() == null || form.exclusions().isBlank()
                        ? Optional.empty()
                        : RuleForm.exclusionsProblem(form.exclusions()));
    if (problem.isPresent()) {
      return new Preview(0, List.of(), problem.get());
    }
    List<RecentPosts.Seen> posts = recent.latest(limit);
    RuleEngine engine =
        RuleEngine.compile(
            List.of(
                new RuleSpec(
                    1,
                    0,
                    RuleQuery.parse(form.query()),
                    form.exclusions() == null || form.exclusions().isBlank()
                        ? null
                        : RuleQuery.parseAnyOf(form.exclusions()),
                    RuleForm.list(form.languages()),
                    RuleForm.list(form.networks()),
                    RuleForm.list(form.accounts()).stream()
                        .filter(a -> a.matches("\\d{1,18}"))
                        .map(Long::valueOf)
                        .collect(Collectors.toSet()))));
    long brand = form.brandId() == null ? -1 : form.brandId();
    List<RecentPosts.Seen> matches =
        posts.stream()
            .filter(s -> form.brandId() == null || s.post().brandId() == brand)
            .filter(
                s -> {
                  Post p = s.post();
                  return engine.match(
                              new Post(p.text(), 0, p.language(), p.network(), p.accountId()))
                          .length
                      > 0;
                })
            .toList();
    return new Preview(posts.size(), matches, null);
  }

  private void reloadAfterCommit() {
    AfterCommit.run(live::reload);
  }
}
