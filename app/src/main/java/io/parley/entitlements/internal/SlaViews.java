package io.parley.entitlements.internal;

import io.parley.conversations.CaseId;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads SLA clocks for the console: a case's clocks, and the cases closest to breach. */
@Component
public class SlaViews {

  private final SlaClockRepository clocks;
  private final ServiceTierRepository tiers;
  private final SlaAlertRepository alerts;
  private final Calendars calendars;
  private final Cases cases;
  private final Clock clock;

  SlaViews(
      SlaClockRepository clocks,
      ServiceTierRepository tiers,
      SlaAlertRepository alerts,
      Calendars calendars,
      Cases cases,
      Clock clock) {
    this.clocks = clocks;
    this.tiers = tiers;
    this.alerts = alerts;
    this.calendars = calendars;
    this.cases = cases;
    this.clock = clock;
  }

  /** The case's clocks (first response, next response, resolution) with time left now. */
  @Transactional(readOnly = true)
  public List<ClockView> ofCase(CaseView aCase) {
    Instant now = clock.instant();
    Map<String, BusinessCalendar> byTier = new HashMap<>();
    return clocks.findByCaseIdOrderByMetric(aCase.id().value()).stream()
        .sorted(java.util.Comparator.comparing(SlaClock::getMetric))
        .map(
            c ->
                ClockView.of(
                    c,
                    aCase.reference(),
                    aCase.subject(),
                    aCase.status(),
                    aCase.priority(),
                    calendarOf(c, byTier),
                    now))
        .toList();
  }

  /** The tier the case's clocks run under, if it has any. */
  @Transactional(readOnly = true)
  public java.util.Optional<ServiceTier> tierOfCase(CaseId id) {
    return clocks.findByCaseIdOrderByMetric(id.value()).stream()
        .findFirst()
        .flatMap(c -> tiers.findById(c.getTierId()));
  }

  /**
   * Running and paused clocks of the brands the viewer sees, the soonest due (or most overdue)
   * first; paused clocks after them.
   */
  @Transactional(readOnly = true)
  public List<ClockView> atRisk(CurrentUser viewer, int limit) {
    Instant now = clock.instant();
    var states = EnumSet.of(SlaClock.State.RUNNING, SlaClock.State.PAUSED);
    List<SlaClock> active =
        viewer.seesAllBrands()
            ? clocks.findActive(states, Limit.of(limit))
            : viewer.brands().isEmpty()
                ? List.of()
                : clocks.findActive(
                    states, viewer.brands().stream().map(BrandId::value).toList(), Limit.of(limit));
    Map<String, BusinessCalendar> byTier = new HashMap<>();
    List<ClockView> views = new ArrayList<>();
    for (SlaClock c : active) {
      cases
          .find(new CaseId(c.getCaseId()))
          .filter(aCase -> aCase.status().isActive())
          .ifPresent(
              aCase ->
                  views.add(
                      ClockView.of(
                          c,
                          aCase.reference(),
                          aCase.subject(),
                          aCase.status(),
                          aCase.priority(),
                          calendarOf(c, byTier),
                          now)));
    }
    return views;
  }

  /** Recent warnings and breaches of the brands the viewer sees, with the case's reference. */
  @Transactional(readOnly = true)
  public List<Map.Entry<SlaAlert, String>> recentAlerts(CurrentUser viewer) {
    List<Map.Entry<SlaAlert, String>> out = new ArrayList<>();
    for (SlaAlert a : alerts.findTop50ByOrderByAtDescIdDesc()) {
      if (viewer.canSee(new BrandId(a.getBrandId()))) {
        cases
            .find(new CaseId(a.getCaseId()))
            .ifPresent(aCase -> out.add(Map.entry(a, aCase.reference())));
      }
    }
    return out;
  }

  private BusinessCalendar calendarOf(SlaClock c, Map<String, BusinessCalendar> cache) {
    return cache.computeIfAbsent(
        c.getBrandId() + ":" + c.getTierId(),
        k ->
            calendars.of(
                new BrandId(c.getBrandId()),
                tiers.findById(c.getTierId()).map(ServiceTier::isAroundTheClock).orElse(true)));
  }
}
