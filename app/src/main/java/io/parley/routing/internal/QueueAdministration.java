package io.parley.routing.internal;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import io.parley.routing.AgentSkill;
import io.parley.routing.QueueSettings;
import io.parley.routing.QueueSummary;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating queues and changing their members and settings. */
@Service
public class QueueAdministration {

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[\\p{L}\\p{N}_.-]{1,60}");
  private static final java.util.regex.Pattern CHANNEL_TYPE =
      java.util.regex.Pattern.compile("[a-z0-9_.-]{1,40}");

  private final QueueRepository queues;
  private final Desks desks;

  QueueAdministration(QueueRepository queues, Desks desks) {
    this.queues = queues;
    this.desks = desks;
  }

  @Transactional
  public QueueSummary create(
      BrandId brand,
      String name,
      boolean autoAssign,
      boolean isDefault,
      List<UserId> members,
      QueueSettings settings) {
    QueueSummary created = create(brand, name, autoAssign, isDefault, members);
    return settle(created.id(), settings);
  }

  /** Changes policy, overflow and hand-back; the overflow queue must be another of the brand. */
  @Transactional
  public QueueSummary settle(long queueId, QueueSettings settings) {
    Queue queue =
        queues.findById(queueId).orElseThrow(() -> new IllegalArgumentException("queue.notFound"));
    if (settings.overflowQueueId() != null) {
      Queue target =
          queues
              .findById(settings.overflowQueueId())
              .filter(t -> t.getBrandId().equals(queue.getBrandId()))
              .orElseThrow(() -> new IllegalArgumentException("queue.overflow.invalid"));
      if (target.getId().equals(queue.getId())) {
        throw new IllegalArgumentException("queue.overflow.invalid");
      }
    }
    queue.settle(settings);
    return queue.summary();
  }

  @Transactional(readOnly = true)
  public List<AgentSkill> skillsOf(UserId agent) {
    return desks.skillsOf(agent.value());
  }

  @Transactional
  public void setSkills(UserId agent, List<AgentSkill> skills) {
    desks.replaceSkills(agent.value(), cleanSkills(skills));
  }

  /**
   * Replaces an agent's skills and own capacities together: both are checked first, and if either
   * is refused neither changes.
   */
  @Transactional
  public void setSkillsAndCapacities(
      UserId agent, List<AgentSkill> skills, java.util.Map<String, Integer> capacities) {
    java.util.Collection<AgentSkill> cleanSkills = cleanSkills(skills);
    java.util.Map<String, Integer> cleanCapacities = clean(capacities);
    desks.replaceSkills(agent.value(), cleanSkills);
    desks.replaceAgentCapacities(agent.value(), cleanCapacities);
  }

  private static java.util.Collection<AgentSkill> cleanSkills(List<AgentSkill> skills) {
    java.util.Map<String, AgentSkill> clean = new java.util.LinkedHashMap<>();
    for (AgentSkill skill : skills) {
      String name =
          skill.name() == null ? "" : skill.name().strip().toLowerCase(java.util.Locale.ROOT);
      if (name.startsWith(io.parley.routing.internal.Dispatcher.SKILL_TAG)) {
        name = name.substring(io.parley.routing.internal.Dispatcher.SKILL_TAG.length());
      }
      if (skill.brand() == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("skills.name.invalid");
      }
      if (skill.proficiency() != null && (skill.proficiency() < 1 || skill.proficiency() > 5)) {
        throw new IllegalArgumentException("skills.proficiency.invalid");
      }
      clean.put(
          skill.brand().value() + "/" + name,
          new AgentSkill(skill.brand(), name, skill.proficiency()));
    }
    return clean.values();
  }

  @Transactional
  public void setAgentCapacities(UserId agent, java.util.Map<String, Integer> capacities) {
    desks.replaceAgentCapacities(agent.value(), clean(capacities));
  }

  @Transactional
  public void setBrandCapacities(BrandId brand, java.util.Map<String, Integer> capacities) {
    desks.replaceBrandCapacities(brand, clean(capacities));
  }

  @Transactional(readOnly = true)
  public java.util.Map<String, Integer> brandCapacities(BrandId brand) {
    return desks.brandCapacities(brand);
  }

  @Transactional(readOnly = true)
  public java.util.Map<String, Integer> agentCapacities(UserId agent) {
    return desks
        .agentCapacities(List.of(agent.value()))
        .getOrDefault(agent.value(), java.util.Map.of());
  }

  private static java.util.Map<String, Integer> clean(java.util.Map<String, Integer> capacities) {
    java.util.Map<String, Integer> clean = new java.util.TreeMap<>();
    capacities.forEach(
        (type, max) -> {
          String t = type == null ? "" : type.strip().toLowerCase(java.util.Locale.ROOT);
          if (!CHANNEL_TYPE.matcher(t).matches() || max == null || max < 0 || max > 1000) {
            throw new IllegalArgumentException("capacity.invalid");
          }
          clean.put(t, max);
        });
    return clean;
  }

  @Transactional(readOnly = true)
  public List<QueueSummary> all() {
    return queues.findAllByOrderByBrandIdAscNameAsc().stream().map(Queue::summary).toList();
  }

  @Transactional
  public QueueSummary create(
      BrandId brand, String name, boolean autoAssign, boolean isDefault, List<UserId> members) {
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty() || clean.length() > 100) {
      throw new IllegalArgumentException("queue.name.invalid");
    }
    if (isDefault) {
      queues.lockByBrandId(brand.value()).forEach(Queue::notDefault);
    }
    Queue queue = new Queue(brand.value(), clean, autoAssign, isDefault);
    queue.setMembers(members.stream().map(UserId::value).collect(Collectors.toSet()));
    return queues.save(queue).summary();
  }

  /**
   * Changes a queue's settings, members and default flag together; if any is refused, nothing
   * changes.
   */
  @Transactional
  public void update(
      Long queueId,
      QueueSettings settings,
      boolean autoAssign,
      boolean isDefault,
      List<UserId> members) {
    lockedBrandOf(queueId); // before anything loads the queue: read fresh under the lock
    settle(queueId, settings);
    configure(queueId, autoAssign, isDefault, members);
  }

  /**
   * The queues of a queue's brand, locked until the transaction ends and read under the lock (the
   * brand is read without loading a queue), so that two admins moving the default flag take turns.
   * Called first in a transaction: a queue loaded before would keep what it read then.
   */
  private List<Queue> lockedBrandOf(Long queueId) {
    Long brandId =
        queues.brandIdOf(queueId).orElseThrow(() -> new IllegalArgumentException("queue.notFound"));
    return queues.lockByBrandId(brandId);
  }

  /**
   * Changes round-robin, the default flag and members. Making a queue the default takes the flag
   * from the brand's other queues; a brand's only default queue cannot stop being its default, as
   * new cases of the brand land there: another queue must be made the default instead.
   */
  @Transactional
  public void configure(Long queueId, boolean autoAssign, boolean isDefault, List<UserId> members) {
    List<Queue> ofBrand = lockedBrandOf(queueId);
    Queue queue =
        ofBrand.stream()
            .filter(q -> q.getId().equals(queueId))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("queue.notFound"));
    if (!isDefault
        && queue.isDefault()
        && ofBrand.stream().noneMatch(q -> !q.getId().equals(queueId) && q.isDefault())) {
      throw new IllegalArgumentException("queue.default.required");
    }
    if (isDefault) {
      ofBrand.stream().filter(q -> !q.getId().equals(queueId)).forEach(Queue::notDefault);
    }
    queue.configure(autoAssign, isDefault);
    queue.setMembers(members.stream().map(UserId::value).collect(Collectors.toSet()));
  }
}
