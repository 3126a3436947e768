package io.parley.entitlements.internal;

import io.parley.conversations.Priority;
import io.parley.entitlements.SlaMetric;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.routing.QueueSummary;
import io.parley.routing.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Defines service tiers from the admin form: checks every value and names the first wrong one (as
 * an {@link IllegalArgumentException} whose message is an i18n key).
 */
@Component
public class TierAdministration {

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,30}");

  /** Targets up to a year of business minutes. */
  private static final int MAX_MINUTES = 525_600;

  private final ServiceTierRepository tiers;
  private final Routing routing;
  private final Users users;

  TierAdministration(ServiceTierRepository tiers, Routing routing, Users users) {
    this.tiers = tiers;
    this.routing = routing;
    this.users = users;
  }

  /** Creates a tier ({@code id} null) or changes one from the submitted form fields. */
  @Transactional
  public ServiceTier save(Long id, Map<String, String> form) {
    ServiceTier tier =
        id == null
            ? null
            : tiers.findById(id).orElseThrow(() -> new IllegalArgumentException("tier.notFound"));
    String code = text(form, "code");
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("tier.code.invalid");
    }
    code = code.toUpperCase(java.util.Locale.ROOT);
    var sameCode = tiers.findByCode(code);
    if (sameCode.isPresent() && (tier == null || !sameCode.get().getId().equals(tier.getId()))) {
      throw new IllegalArgumentException("tier.code.taken");
    }
    String name = text(form, "name");
    if (name == null || name.length() > 100) {
      throw new IllegalArgumentException("tier.name.invalid");
    }
    Integer rank = number(form, "rankOrder", 0, 1000, "tier.rank.invalid");
    Integer warnPercent = number(form, "warnPercent", 1, 99, "tier.warnPercent.invalid");
    Integer warnBefore =
        number(form, "warnMinutesBefore", 1, MAX_MINUTES, "tier.warnMinutes.invalid");
    Integer first = minutes(form, "firstResponseMinutes");
    Integer next = minutes(form, "nextResponseMinutes");
    Integer resolution = minutes(form, "resolutionMinutes");
    List<ServiceTier.Target> perPriority = new ArrayList<>();
    for (Priority p : Priority.values()) {
      perPriority.add(
          new ServiceTier.Target(
              p,
              minutes(form, "target_" + p + "_" + SlaMetric.FIRST_RESPONSE),
              minutes(form, "target_" + p + "_" + SlaMetric.NEXT_RESPONSE),
              minutes(form, "target_" + p + "_" + SlaMetric.RESOLUTION)));
    }
    Priority raise = null;
    if (text(form, "breachPriority") != null) {
      try {
        raise = Priority.valueOf(text(form, "breachPriority"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("tier.priority.invalid");
      }
    }
    List<QueueSummary> queues = routing.all();
    Long breachQueue = queue(form, "breachQueueId", queues);
    Long routeQueue = queue(form, "routeQueueId", queues);
    Long assignee = null;
    if (text(form, "breachAssigneeId") != null) {
      assignee =
          number(form, "breachAssigneeId", 1, Integer.MAX_VALUE, "tier.assignee.invalid")
              .longValue();
      boolean staff =
          users
              .find(new UserId(assignee))
              .filter(u -> u.active() && u.role().isStaff())
              .isPresent();
      if (!staff) {
        throw new IllegalArgumentException("tier.assignee.invalid");
      }
    }
    if (tier == null) {
      tier = new ServiceTier(code, name, rank == null ? 100 : rank);
    }
    tier.define(
        code,
        name,
        rank == null ? 100 : rank,
        "true".equals(form.get("aroundTheClock")),
        first,
        next,
        resolution,
        warnPercent,
        warnBefore);
    tier.escalate(
        "true".equals(form.get("notifyOnBreach")), raise, breachQueue, assignee, routeQueue);
    tier.retarget(perPriority);
    ServiceTier saved = tiers.save(tier);
    if ("true".equals(form.get("isDefault"))) {
      makeDefault(saved);
    }
    return saved;
  }

  /** The tier of customers without a contract or a known profile tier; exactly one. */
  @Transactional
  public void makeDefault(ServiceTier tier) {
    tiers.findAll().forEach(t -> t.makeDefault(t.getId().equals(tier.getId())));
  }

  private static Long queue(Map<String, String> form, String field, List<QueueSummary> queues) {
    String value = text(form, field);
    if (value == null) {
      return null;
    }
    try {
      long id = Long.parseLong(value);
      if (queues.stream().anyMatch(q -> q.id() == id)) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("tier.queue.invalid");
  }

  private static Integer minutes(Map<String, String> form, String field) {
    return number(form, field, 1, MAX_MINUTES, "tier.minutes.invalid");
  }

  private static Integer number(
      Map<String, String> form, String field, int min, int max, String error) {
    String value = text(form, field);
    if (value == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw new IllegalArgumentException(error);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(error);
    }
  }

  private static String text(Map<String, String> form, String field) {
    String value = form.get(field);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
