package io.parley.entitlements.internal;

import io.parley.conversations.CaseId;
import io.parley.conversations.CaseRejected;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.Priority;
import io.parley.entitlements.SlaBreached;
import io.parley.entitlements.SlaWarned;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Warns before and escalates on breach. Any number of nodes may sweep at once: each clock is
 * handled in its own transaction under a row lock taken with SKIP LOCKED (a clock another node is
 * handling is left to it), and a clock is marked warned or breached in the same transaction as the
 * escalation, so it is never escalated twice. A failed escalation (e.g. an agent changed the case
 * at that moment) rolls back with its mark and is tried again on the next round.
 */
@Component
@EnableConfigurationProperties(EntitlementsProperties.class)
public class SlaSweep {

  private static final Logger log = LoggerFactory.getLogger(SlaSweep.class);

  private final SlaClockRepository clocks;
  private final ServiceTierRepository tiers;
  private final SlaAlertRepository alerts;
  private final Cases cases;
  private final ApplicationEventPublisher events;
  private final EntitlementsProperties properties;
  private final Clock clock;
  private final TransactionTemplate transactions;

  SlaSweep(
      SlaClockRepository clocks,
      ServiceTierRepository tiers,
      SlaAlertRepository alerts,
      Cases cases,
      ApplicationEventPublisher events,
      EntitlementsProperties properties,
      Clock clock,
      PlatformTransactionManager transactionManager) {
    this.clocks = clocks;
    this.tiers = tiers;
    this.alerts = alerts;
    this.cases = cases;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @Scheduled(
      fixedDelayString = "${parley.entitlements.sweep-interval:30s}",
      initialDelayString = "${parley.entitlements.sweep-interval:30s}")
  void scheduled() {
    if (properties.sweepEnabled()) {
      sweep();
    }
  }

  /** What one round did: clocks warned, clocks escalated, clocks left to another node or later. */
  public record Round(int warned, int breached, int skipped) {}

  /** Warns and escalates every clock due by now (one batch); returns what it did. */
  public Round sweep() {
    Instant now = clock.instant();
    int warned = 0;
    int breached = 0;
    int skipped = 0;
    for (Long id : clocks.findDue(now, Limit.of(properties.sweepBatch()))) {
      try {
        Outcome outcome = transactions.execute(s -> handle(id, now));
        switch (outcome) {
          case WARNED -> warned++;
          case BREACHED -> breached++;
          case SKIPPED -> skipped++;
          case NOTHING -> {}
        }
      } catch (CaseRejected
          | ObjectOptimisticLockingFailureException
          | org.springframework.dao.PessimisticLockingFailureException e) {
        // Another node escalating a clock of the same case meanwhile (a deadlock is one of these).
        skipped++;
        log.debug("SLA clock #{} changed while escalating; next round tries again", id);
      }
    }
    if (warned + breached > 0) {
      log.info("SLA sweep: {} warned, {} escalated, {} skipped", warned, breached, skipped);
    }
    return new Round(warned, breached, skipped);
  }

  private enum Outcome {
    WARNED,
    BREACHED,
    SKIPPED,
    NOTHING
  }

  private Outcome handle(Long id, Instant now) {
    SlaClock c = clocks.lockUnlessTaken(id).orElse(null);
    if (c == null) {
      return Outcome.SKIPPED;
    }
    if (c.isBreachDue(now)) {
      escalate(c, now);
      return Outcome.BREACHED;
    }
    if (c.isWarningDue(now)) {
      c.warned(now);
      alerts.save(
          new SlaAlert(
              c.getCaseId(), c.getBrandId(), c.getMetric(), SlaAlert.Kind.WARNING, now, null));
      events.publishEvent(
          new SlaWarned(
              new CaseId(c.getCaseId()), new BrandId(c.getBrandId()), c.getMetric(), c.getDueAt()));
      return Outcome.WARNED;
    }
    return Outcome.NOTHING; // handled by another node since it was listed
  }

  private void escalate(SlaClock c, Instant now) {
    Instant due = c.getDueAt();
    // Marked first: the priority the escalation raises brings back the case's suspended clocks
    // and leaves this one, breached, its target.
    c.breached(now);
    ServiceTier tier = tiers.findById(c.getTierId()).orElse(null);
    CaseId caseId = new CaseId(c.getCaseId());
    List<String> actions = new ArrayList<>();
    CaseView aCase = cases.find(caseId).orElse(null);
    if (tier != null && aCase != null && aCase.status().isActive()) {
      Priority raise = tier.getBreachPriority();
      if (raise != null && raise.compareTo(aCase.priority()) > 0) {
        actions.add("priority:" + raise);
      } else {
        raise = null;
      }
      Long queue = tier.getBreachQueueId();
      if (queue != null && !queue.equals(aCase.queueId())) {
        cases.moveToQueue(caseId, queue, null);
        actions.add("queue:" + queue);
      }
      Long assignee = tier.getBreachAssigneeId();
      boolean reassign = assignee != null && !new UserId(assignee).equals(aCase.assignee());
      boolean unassign =
          !reassign && actions.contains("queue:" + queue) && aCase.assignee() != null;
      if (reassign) {
        actions.add("assignee:" + assignee);
      }
      if (raise != null || reassign || unassign) {
        cases.update(
            caseId,
            new CaseUpdate(
                null, null, raise, reassign ? new UserId(assignee) : null, unassign, null),
            null,
            null);
      }
    }
    if (tier == null || tier.isNotifyOnBreach() || !actions.isEmpty()) {
      alerts.save(
          new SlaAlert(
              c.getCaseId(),
              c.getBrandId(),
              c.getMetric(),
              SlaAlert.Kind.BREACH,
              now,
              actions.isEmpty() ? null : String.join(" ", actions)));
    }
    events.publishEvent(
        new SlaBreached(
            caseId, new BrandId(c.getBrandId()), c.getMetric(), due, List.copyOf(actions)));
  }
}
