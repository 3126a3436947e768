package io.parley.entitlements.internal;

import io.parley.conversations.CaseChanged;
import io.parley.conversations.CaseOpened;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.MessageAdded;
import io.parley.conversations.MessageKind;
import io.parley.entitlements.SlaMetric;
import io.parley.routing.QueueSummary;
import io.parley.routing.Routing;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the SLA clocks of cases in step with what happens to them, inside the transaction of the
 * change itself (so a case never exists without its clocks, nor a reply without its clock met):
 * opening starts first response and resolution and, for a tier with its own queue, moves the case
 * there and tags it {@code tier:<code>}; an agent's public reply meets the response clocks; a
 * customer message starts the next-response clock; pending the customer pauses every clock; solving
 * meets resolution.
 */
@Component
class SlaClocks {

  private static final Logger log = LoggerFactory.getLogger(SlaClocks.class);

  private final SlaClockRepository clocks;
  private final ServiceTierRepository tiers;
  private final Tiers entitlements;
  private final Calendars calendars;
  private final Cases cases;
  private final Routing routing;
  private final Clock clock;

  SlaClocks(
      SlaClockRepository clocks,
      ServiceTierRepository tiers,
      Tiers entitlements,
      Calendars calendars,
      Cases cases,
      Routing routing,
      Clock clock) {
    this.clocks = clocks;
    this.tiers = tiers;
    this.entitlements = entitlements;
    this.calendars = calendars;
    this.cases = cases;
    this.routing = routing;
    this.clock = clock;
  }

  @EventListener
  void on(CaseOpened opened) {
    CaseView aCase = cases.find(opened.id()).orElseThrow();
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, calendars.zoneOf(aCase.brand()));
    Optional<Tiers.Entitled> entitled = entitlements.of(aCase.customer(), today);
    if (entitled.isEmpty()) {
      return;
    }
    ServiceTier tier = entitled.get().tier();
    Set<String> tags = new TreeSet<>(aCase.tags());
    if (tags.add("tier:" + tier.getCode().toLowerCase(Locale.ROOT))) {
      cases.update(aCase.id(), new CaseUpdate(null, null, null, null, false, tags), null, null);
    }
    Long queue = tier.getRouteQueueId();
    if (queue != null && !queue.equals(aCase.queueId()) && isQueueOfBrand(queue, aCase)) {
      // Routing (after commit) keeps a queue already set; the tier's customers wait in theirs.
      cases.moveToQueue(aCase.id(), queue, null);
    }
    BusinessCalendar calendar = calendars.of(aCase.brand(), tier.isAroundTheClock());
    for (SlaMetric metric : List.of(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION)) {
      tier.target(metric, aCase.priority())
          .ifPresent(
              target -> {
                SlaClock started =
                    new SlaClock(aCase.id().value(), aCase.brand().value(), tier.getId(), metric);
                started.start(target, tier.warningBefore(target), calendar, now);
                clocks.save(started);
              });
    }
  }

  @EventListener
  void on(MessageAdded added) {
    if (added.kind() == MessageKind.NOTE) {
      return;
    }
    List<SlaClock> ofCase = clocks.findByCaseIdOrderByMetric(added.id().value());
    if (ofCase.isEmpty()) {
      return; // opened before entitlements, or a tier that measures nothing
    }
    CaseView aCase = cases.find(added.id()).orElseThrow();
    ServiceTier tier = tiers.findById(ofCase.get(0).getTierId()).orElse(null);
    if (tier == null) {
      return;
    }
    Instant now = clock.instant();
    BusinessCalendar calendar = calendars.of(aCase.brand(), tier.isAroundTheClock());
    if (added.kind() == MessageKind.OUTBOUND && added.actor() != null) {
      find(ofCase, SlaMetric.FIRST_RESPONSE).ifPresent(c -> c.meet(calendar, now));
      find(ofCase, SlaMetric.NEXT_RESPONSE).ifPresent(c -> c.meet(calendar, now));
    } else if (added.kind() == MessageKind.INBOUND && aCase.status().isActive()) {
      boolean awaitingFirst =
          find(ofCase, SlaMetric.FIRST_RESPONSE).filter(SlaClock::isActive).isPresent();
      Optional<SlaClock> next = find(ofCase, SlaMetric.NEXT_RESPONSE);
      // Measured from the oldest unanswered message: a second message does not restart it.
      if (!awaitingFirst && next.filter(SlaClock::isActive).isEmpty()) {
        tier.target(SlaMetric.NEXT_RESPONSE, aCase.priority())
            .ifPresent(
                target -> {
                  SlaClock c =
                      next.orElseGet(
                          () ->
                              new SlaClock(
                                  aCase.id().value(),
                                  aCase.brand().value(),
                                  tier.getId(),
                                  SlaMetric.NEXT_RESPONSE));
                  c.start(target, tier.warningBefore(target), calendar, now);
                  clocks.save(c);
                });
      }
    }
    followStatus(aCase, clocks.findByCaseIdOrderByMetric(added.id().value()), tier, now);
  }

  @EventListener
  void on(CaseChanged changed) {
    List<SlaClock> ofCase = clocks.findByCaseIdOrderByMetric(changed.id().value());
    if (ofCase.isEmpty()) {
      return;
    }
    ServiceTier tier = tiers.findById(ofCase.get(0).getTierId()).orElse(null);
    if (tier == null) {
      return;
    }
    cases.find(changed.id()).ifPresent(aCase -> followStatus(aCase, ofCase, tier, clock.instant()));
  }

  /** Pauses, resumes, meets or stops the clocks as the case's status says. */
  private void followStatus(CaseView aCase, List<SlaClock> ofCase, ServiceTier tier, Instant now) {
    BusinessCalendar calendar = calendars.of(aCase.brand(), tier.isAroundTheClock());
    CaseStatus status = aCase.status();
    for (SlaClock c : ofCase) {
      if (!status.isActive()) {
        if (c.getMetric() == SlaMetric.RESOLUTION) {
          c.meet(calendar, now);
        } else {
          c.stop(calendar, now);
        }
      } else if (status == CaseStatus.PENDING_CUSTOMER) {
        c.pause(calendar, now);
      } else if (c.getState() == SlaClock.State.PAUSED
          || (c.getState() == SlaClock.State.MET && c.getMetric() == SlaMetric.RESOLUTION)) {
        c.resume(warningOf(tier, c), calendar, now);
      }
    }
  }

  private static Optional<java.time.Duration> warningOf(ServiceTier tier, SlaClock c) {
    return tier.warningBefore(java.time.Duration.ofMinutes(c.getTargetMinutes()));
  }

  private boolean isQueueOfBrand(Long queue, CaseView aCase) {
    boolean ok =
        routing.all().stream()
            .filter(q -> q.id() == queue)
            .map(QueueSummary::brand)
            .anyMatch(aCase.brand()::equals);
    if (!ok) {
      log.debug("Tier queue #{} is not a queue of the brand of {}", queue, aCase.reference());
    }
    return ok;
  }

  private static Optional<SlaClock> find(List<SlaClock> clocks, SlaMetric metric) {
    return clocks.stream().filter(c -> c.getMetric() == metric).findFirst();
  }
}
