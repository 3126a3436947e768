package io.parley.listening.internal;

import io.parley.listening.RuleEngine;
import io.parley.listening.RuleSpec;
import io.parley.listening.RuleSyntaxException;
import io.parley.listening.TextFolding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules in force: one compiled {@link RuleEngine} and what each rule does, swapped as a whole
 * when rules change (on this node at once, on others within {@code parley.listening.reload-check}).
 * Matching always reads one consistent snapshot and never waits for a reload.
 */
@Component
class LiveRules {

  private static final Logger log = LoggerFactory.getLogger(LiveRules.class);

  /** What a matching rule does. */
  record Action(
      long id,
      long brandId,
      String name,
      RuleAction action,
      boolean notifies,
      Long queueId,
      String priority,
      Set<String> caseTags) {}

  /** One consistent set of rules. */
  record Snapshot(RuleEngine engine, Map<Long, Action> actions, long count, Instant lastChange) {
    static final Snapshot EMPTY = new Snapshot(RuleEngine.EMPTY, Map.of(), -1, null);
  }

  private final ListeningRuleRepository rules;
  private final TransactionTemplate readOnly;
  private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.EMPTY);
  private volatile boolean loaded;

  LiveRules(ListeningRuleRepository rules, PlatformTransactionManager transactions) {
    this.rules = rules;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  Snapshot current() {
    if (!loaded) {
      synchronized (this) {
        if (!loaded) {
          reload();
        }
      }
    }
    return current.get();
  }

  /** Compiles the saved rules and swaps them in; matching goes on with the old ones meanwhile. */
  synchronized void reload() {
    long started = System.nanoTime();
    Snapshot next =
        readOnly.execute(
            status ->
                compile(rules.findByActiveTrueOrderById(), rules.count(), rules.lastChange()));
    current.set(next);
    loaded = true;
    log.info(
        "Listening rules loaded: {} rules, {} terms in {} ms",
        next.engine().size(),
        next.engine().terms(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Another node may have changed the rules: reload when the count or latest change differs. */
  @Scheduled(
      fixedDelayString = "${parley.listening.reload-check:10s}",
      initialDelayString = "${parley.listening.reload-check:10s}")
  void checkForChanges() {
    Snapshot now = current.get();
    Long count = readOnly.execute(status -> rules.count());
    Instant last = readOnly.execute(status -> rules.lastChange());
    if (!loaded || !Objects.equals(count, now.count()) || !Objects.equals(last, now.lastChange())) {
      reload();
    }
  }

  static Snapshot compile(List<ListeningRule> saved, long count, Instant lastChange) {
    TextFolding.warmUp();
    List<RuleSpec> specs = new ArrayList<>(saved.size());
    Map<Long, Action> actions = new HashMap<>();
    for (ListeningRule rule : saved) {
      try {
        specs.add(rule.spec());
      } catch (RuleSyntaxException | NumberFormatException e) {
        // Saved rules were checked; one that no longer reads is skipped, never the whole set.
        log.warn("Listening rule #{} skipped: {}", rule.getId(), e.getMessage());
        continue;
      }
      Set<String> tags = new LinkedHashSet<>(ListeningRule.split(rule.getTags()));
      ListeningRule.split(rule.getSkills()).forEach(s -> tags.add("skill:" + s));
      actions.put(
          rule.getId(),
          new Action(
              rule.getId(),
              rule.getBrandId(),
              rule.getName(),
              rule.getAction(),
              rule.isNotify(),
              rule.getQueueId(),
              rule.getPriority(),
              Set.copyOf(tags)));
    }
    return new Snapshot(RuleEngine.compile(specs), Map.copyOf(actions), count, lastChange);
  }
}
