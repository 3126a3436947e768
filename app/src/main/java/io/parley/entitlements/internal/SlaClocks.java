package io.parley.entitlements.internal;

import io.parley.conversations.CaseChanged;
import io.parley.conversations.CaseOpened;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.MessageAdded;
import io.parley.conversations.MessageKind;
import io.parley.conversations.MessageView;
import io.parley.conversations.OpeningContributor;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.entitlements.SlaMetric;
import io.parley.identity.BrandId;
import io.parley.routing.QueueSummary;
import io.parley.routing.Routing;
import io.parley.shared.TransactionMemo;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the SLA clocks of cases in step with what happens to them, inside the transaction of the
 * change itself (so a case never exists without its clocks, nor a reply without its clock met):
 * opening (as an {@link OpeningContributor}) tags the case {@code tier:<code>} and, for a tier with
 * its own queue, puts it there, then starts first response and resolution; an agent's public reply
 * meets the response clocks; a customer message starts the next-response clock; pending the
 * customer pauses every clock; solving meets resolution. A clock the tier sets no target for at the
 * case's priority but does at another starts suspended, so that a new priority times it from its
 * natural start; a new priority (a person's or the escalation's) that measures a metric the case
 * has no clock for starts one from there.
 */
@Component
class SlaClocks implements OpeningContributor {

  private static final Logger log = LoggerFactory.getLogger(SlaClocks.class);
  private static final String TIER_TAG = "tier:";
  private final TransactionMemo<List<Object>, Optional<Tiers.Entitled>> entitledToday =
      new TransactionMemo<>();

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

  /**
   * As a case opens: the tag of its customer's tier and, for a tier with its own queue, that queue
   * (routing keeps a queue already set, so the tier's customers wait in theirs).
   */
  @Override
  public Contribution contribute(
      BrandId brand, CustomerId customer, Priority priority, Instant openedAt) {
    Optional<Tiers.Entitled> entitled = entitledNow(brand, customer, clock.instant());
    if (entitled.isEmpty()) {
      return Contribution.NONE;
    }
    ServiceTier tier = entitled.get().tier();
    Long queue = tier.getRouteQueueId();
    return new Contribution(
        Set.of(TIER_TAG + tier.getCode().toLowerCase(Locale.ROOT)),
        queue != null && isQueueOfBrand(queue, brand) ? queue : null);
  }

  /** Several cases open together: their customers' contracts are read at once. */
  @Override
  public void prepare(java.util.Collection<CustomerId> customers) {
    entitlements.prefetch(customers);
  }

  /**
   * The customer's tier today in the brand's zone, worked out once per transaction (the opening's
   * contribution and its clocks ask the same question, and a batch of posts asks it per post).
   */
  private Optional<Tiers.Entitled> entitledNow(BrandId brand, CustomerId customer, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, calendars.zoneOf(brand));
    return entitledToday.get(
        java.util.Arrays.asList(customer, today), key -> entitlements.of(customer, today));
  }

  @EventListener
  void on(CaseOpened opened) {
    Instant now = clock.instant();
    // A captured case is announced when completed: its clocks run from when it opened.
    Instant start =
        opened.openedAt() == null || opened.openedAt().isAfter(now) ? now : opened.openedAt();
    Optional<Tiers.Entitled> entitled = entitledNow(opened.brand(), opened.customer(), now);
    if (entitled.isEmpty()) {
      return;
    }
    ServiceTier tier = entitled.get().tier();
    BusinessCalendar calendar = calendars.of(opened.brand(), tier.isAroundTheClock());
    for (SlaMetric metric : List.of(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION)) {
      SlaClock started =
          new SlaClock(opened.id().value(), opened.brand().value(), tier.getId(), metric);
      if (start(started, tier, opened.priority(), calendar, start)) {
        clocks.save(started);
      }
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
      // Still awaiting the first response, even while this priority does not measure it.
      boolean awaitingFirst =
          find(ofCase, SlaMetric.FIRST_RESPONSE).filter(SlaClock::isOutstanding).isPresent();
      Optional<SlaClock> next = find(ofCase, SlaMetric.NEXT_RESPONSE);
      // Measured from the oldest unanswered message: a second message does not restart it.
      if (!awaitingFirst && next.filter(SlaClock::isOutstanding).isEmpty()) {
        SlaClock c =
            next.orElseGet(
                () ->
                    new SlaClock(
                        aCase.id().value(),
                        aCase.brand().value(),
                        tier.getId(),
                        SlaMetric.NEXT_RESPONSE));
        if (start(c, tier, aCase.priority(), calendar, now)) {
          clocks.save(c);
        }
      }
    }
    followStatus(aCase, clocks.findByCaseIdOrderByMetric(added.id().value()), tier, now);
  }

  @EventListener
  void on(CaseChanged changed) {
    boolean newPriority = changed.kind().contains("priority");
    List<SlaClock> ofCase = clocks.findByCaseIdOrderByMetric(changed.id().value());
    if (ofCase.isEmpty() && !newPriority) {
      return;
    }
    CaseView aCase = cases.find(changed.id()).orElse(null);
    ServiceTier tier = aCase == null ? null : tierOf(aCase, ofCase).orElse(null);
    if (tier == null) {
      return;
    }
    Instant now = clock.instant();
    List<SlaClock> added = List.of();
    if (newPriority) {
      List<SlaClock> all = withMissing(aCase, ofCase, tier);
      added = all.subList(ofCase.size(), all.size());
      ofCase = all;
    }
    followStatus(aCase, ofCase, tier, now);
    if (newPriority) {
      // A person's change or the escalation's own raise on a breach (no actor): one path.
      retarget(aCase, ofCase, tier, now, changed.actor() == null);
    }
    for (SlaClock c : added) {
      if (c.isBreachDue(now)) {
        // Made now, for a target the case had no clock for (opened before such clocks were kept,
        // or the target added since), and overdue already: the breach is on record, counted as
        // escalated, since nobody could act on a clock that did not exist.
        c.breached(now);
      }
    }
  }

  /**
   * The tier the case is timed by: its clocks', else the one it was tagged with on opening (a case
   * whose tier measured nothing at its priority then has no clock yet).
   */
  private Optional<ServiceTier> tierOf(CaseView aCase, List<SlaClock> ofCase) {
    if (!ofCase.isEmpty()) {
      return tiers.findById(ofCase.get(0).getTierId());
    }
    return aCase.tags().stream()
        .filter(tag -> tag.startsWith(TIER_TAG))
        .findFirst()
        .flatMap(
            tag -> tiers.findByCode(tag.substring(TIER_TAG.length()).toUpperCase(Locale.ROOT)));
  }

  /**
   * The case's clocks with those it lacks for metrics its new priority measures (opened before
   * other priorities' metrics got a suspended clock, or the tier's target added since): each starts
   * suspended from its natural start, as the opening or the customer's message would have started
   * it, and is met already if what it measures happened, so the retargeting times it like any
   * other. Pauses before then are not known: it counts the business time since its start.
   */
  private List<SlaClock> withMissing(CaseView aCase, List<SlaClock> ofCase, ServiceTier tier) {
    List<SlaClock> all = new ArrayList<>(ofCase);
    BusinessCalendar calendar = calendars.of(aCase.brand(), tier.isAroundTheClock());
    List<MessageView> messages = null;
    for (SlaMetric metric : SlaMetric.values()) { // first response before next response
      if (find(all, metric).isPresent() || tier.target(metric, aCase.priority()).isEmpty()) {
        continue;
      }
      SlaClock c = new SlaClock(aCase.id().value(), aCase.brand().value(), tier.getId(), metric);
      if (metric == SlaMetric.RESOLUTION) {
        c.startSuspended(aCase.createdAt());
        if (!aCase.status().isActive() && aCase.solvedAt() != null) {
          c.meet(calendar, aCase.solvedAt());
        }
      } else {
        // As for a customer's message: no next response while the first one is awaited.
        boolean awaitingFirst =
            find(all, SlaMetric.FIRST_RESPONSE).filter(SlaClock::isOutstanding).isPresent();
        if (metric == SlaMetric.NEXT_RESPONSE && (awaitingFirst || !aCase.status().isActive())) {
          continue;
        }
        if (messages == null) {
          messages = cases.messages(aCase.id());
        }
        if (metric == SlaMetric.FIRST_RESPONSE) {
          c.startSuspended(aCase.createdAt());
          messages.stream()
              .filter(SlaClocks::isResponse)
              .findFirst()
              .ifPresent(m -> c.meet(calendar, m.createdAt()));
        } else {
          Optional<Instant> unanswered = unansweredSince(messages);
          if (unanswered.isEmpty()) {
            continue;
          }
          c.startSuspended(unanswered.get());
        }
      }
      all.add(clocks.save(c));
    }
    return all;
  }

  /** An agent's message to the customer: it meets the response clocks. */
  private static boolean isResponse(MessageView m) {
    return m.kind() == MessageKind.OUTBOUND && m.authorUser() != null;
  }

  /**
   * When the customer's oldest message since the last response came, if one did; the opening
   * message is the first response's, not the next one's.
   */
  private static Optional<Instant> unansweredSince(List<MessageView> messages) {
    Instant since = null;
    for (MessageView m : messages.subList(Math.min(1, messages.size()), messages.size())) {
      if (isResponse(m)) {
        since = null;
      } else if (m.kind() == MessageKind.INBOUND && since == null) {
        since = m.createdAt();
      }
    }
    return Optional.ofNullable(since);
  }

  /**
   * A new priority brings the tier's targets for it, counted from each clock's start; a metric the
   * tier does not measure at that priority is suspended until a priority that measures it comes
   * back. The escalation's own raise on a breach brings suspended clocks back the same way, but
   * leaves the clocks already measured their targets: retargeted, the case's other clocks would be
   * overdue at once for the one breach.
   */
  private void retarget(
      CaseView aCase, List<SlaClock> ofCase, ServiceTier tier, Instant now, boolean escalation) {
    BusinessCalendar calendar = calendars.of(aCase.brand(), tier.isAroundTheClock());
    for (SlaClock c : ofCase) {
      tier.target(c.getMetric(), aCase.priority())
          .ifPresentOrElse(
              target -> {
                if (!escalation || c.isSuspended()) {
                  c.retarget(target, tier.warningBefore(target), calendar, now);
                }
              },
              () -> c.suspend(calendar, now));
    }
  }

  /**
   * Starts (or starts again) a clock at {@code now}: on the tier's target for the priority, else
   * suspended if another priority has one; false if none has.
   */
  private static boolean start(
      SlaClock c, ServiceTier tier, Priority priority, BusinessCalendar calendar, Instant now) {
    Optional<java.time.Duration> target = tier.target(c.getMetric(), priority);
    if (target.isPresent()) {
      c.start(target.get(), tier.warningBefore(target.get()), calendar, now);
    } else if (tier.measures(c.getMetric())) {
      c.startSuspended(now);
    } else {
      return false;
    }
    return true;
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
          || c.isSuspended()
          || (c.getState() == SlaClock.State.MET && c.getMetric() == SlaMetric.RESOLUTION)) {
        c.resume(warningOf(tier, c), calendar, now);
      }
    }
  }

  private static Optional<java.time.Duration> warningOf(ServiceTier tier, SlaClock c) {
    return tier.warningBefore(java.time.Duration.ofMinutes(c.getTargetMinutes()));
  }

  private boolean isQueueOfBrand(Long queue, BrandId brand) {
    boolean ok =
        routing.all().stream()
            .filter(q -> q.id() == queue)
            .map(QueueSummary::brand)
            .anyMatch(brand::equals);
    if (!ok) {
      log.debug("Tier queue #{} is not a queue of brand #{}", queue, brand.value());
    }
    return ok;
  }

  private static Optional<SlaClock> find(List<SlaClock> clocks, SlaMetric metric) {
    return clocks.stream().filter(c -> c.getMetric() == metric).findFirst();
  }
}
