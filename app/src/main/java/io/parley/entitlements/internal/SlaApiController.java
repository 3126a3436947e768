package io.parley.entitlements.internal;

import io.parley.conversations.Cases;
import io.parley.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * SLA clocks for integrations (a wallboard, a BI job): a case's clocks with the business time left,
 * and the clocks closest to breach across the brands the caller may see.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "SLA")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
class SlaApiController {

  private final SlaViews views;
  private final Cases cases;

  SlaApiController(SlaViews views, Cases cases) {
    this.views = views;
    this.cases = cases;
  }

  /** A case's tier (null without one) and its clocks. */
  record CaseSla(String reference, Tier tier, List<Clock> clocks) {}

  record Tier(String code, String name) {}

  /**
   * One clock: {@code remainingSeconds} is business time left at the time of the request (negative
   * once overdue; 0 while SUSPENDED, i.e. not measured at the case's priority); {@code dueAt} is
   * set while it runs.
   */
  record Clock(
      String reference,
      String metric,
      String state,
      int targetMinutes,
      Instant dueAt,
      long remainingSeconds,
      boolean warned,
      boolean breached,
      Instant metAt) {

    static Clock of(ClockView c) {
      return new Clock(
          c.reference(),
          c.metric().name(),
          c.state().name(),
          c.targetMinutes(),
          c.dueAt(),
          c.remaining().toSeconds(),
          c.warned(),
          c.breached(),
          c.metAt());
    }
  }

  @GetMapping("/cases/{reference}/sla")
  @Operation(summary = "A case's SLA clocks: target, due time, business time left, breaches")
  CaseSla ofCase(@PathVariable String reference) {
    var aCase =
        cases
            .findVisible(reference, CurrentUser.require())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return new CaseSla(
        aCase.reference(),
        views.tierOfCase(aCase.id()).map(t -> new Tier(t.getCode(), t.getName())).orElse(null),
        views.ofCase(aCase).stream().map(Clock::of).toList());
  }

  @GetMapping("/sla/at-risk")
  @Operation(
      summary =
          "Running and paused clocks of the caller's brands, the soonest due (or most overdue) first")
  List<Clock> atRisk(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1 to 500");
    }
    return views.atRisk(CurrentUser.require(), limit).stream().map(Clock::of).toList();
  }
}
