package io.parley.routing.internal;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import io.parley.routing.AssignmentPolicy;
import io.parley.routing.Handback;
import io.parley.routing.QueueSettings;
import io.parley.routing.QueueSummary;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A queue of a brand, its members, and where round-robin assignment left off. */
@Entity
@Table(name = "routing_queue")
public class Queue {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "routing_queue_seq")
  @SequenceGenerator(name = "routing_queue_seq", allocationSize = 50)
  private Long id;

  private Long brandId;
  private String name;
  private boolean autoAssign;
  private boolean isDefault;
  private Long lastAssignedUserId;
  private Instant createdAt;

  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  private AssignmentPolicy policy = AssignmentPolicy.ROUND_ROBIN;

  private Long overflowQueueId;
  private Integer overflowAfterSeconds;

  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  private Handback handback = Handback.NOT_STARTED;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "routing_queue_member", joinColumns = @JoinColumn(name = "queue_id"))
  @Column(name = "user_id")
  private Set<Long> members = new TreeSet<>();

  protected Queue() {}

  Queue(Long brandId, String name, boolean autoAssign, boolean isDefault) {
    this.brandId = brandId;
    this.name = name;
    this.autoAssign = autoAssign;
    this.isDefault = isDefault;
    this.createdAt = Instant.now();
  }

  /**
   * The next member after the one who got the last case, in a stable order, skipping those who
   * cannot take cases now.
   */
  public Optional<Long> nextAssignee(Predicate<Long> available) {
    List<Long> ordered = List.copyOf(new TreeSet<>(members));
    if (ordered.isEmpty()) {
      return Optional.empty();
    }
    int start = lastAssignedUserId == null ? 0 : position(ordered, lastAssignedUserId);
    for (int i = 0; i < ordered.size(); i++) {
      Long candidate = ordered.get((start + i) % ordered.size());
      if (available.test(candidate)) {
        lastAssignedUserId = candidate;
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int position(List<Long> ordered, Long last) {
    for (int i = 0; i < ordered.size(); i++) {
      if (ordered.get(i) > last) {
        return i;
      }
    }
    return 0;
  }

  void setMembers(Set<Long> userIds) {
    members.clear();
    members.addAll(userIds);
  }

  void configure(boolean autoAssign, boolean isDefault) {
    this.autoAssign = autoAssign;
    this.isDefault = isDefault;
  }

  void settle(QueueSettings settings) {
    this.policy = settings.policy() == null ? AssignmentPolicy.ROUND_ROBIN : settings.policy();
    this.handback = settings.handback() == null ? Handback.NOT_STARTED : settings.handback();
    if (settings.overflowQueueId() == null || settings.overflowAfter() == null) {
      this.overflowQueueId = null;
      this.overflowAfterSeconds = null;
    } else {
      if (settings.overflowQueueId().equals(id)
          || settings.overflowAfter().isNegative()
          || settings.overflowAfter().isZero()
          || settings.overflowAfter().toSeconds() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("queue.overflow.invalid");
      }
      this.overflowQueueId = settings.overflowQueueId();
      this.overflowAfterSeconds = (int) settings.overflowAfter().toSeconds();
    }
  }

  public AssignmentPolicy getPolicy() {
    return policy;
  }

  public Handback getHandback() {
    return handback;
  }

  public Long getOverflowQueueId() {
    return overflowQueueId;
  }

  /** Null when cases never overflow from this queue. */
  public java.time.Duration overflowAfter() {
    return overflowQueueId == null || overflowAfterSeconds == null
        ? null
        : java.time.Duration.ofSeconds(overflowAfterSeconds);
  }

  public Set<Long> getMembers() {
    return members;
  }

  public String getName() {
    return name;
  }

  void notDefault() {
    isDefault = false;
  }

  public Long getId() {
    return id;
  }

  public Long getBrandId() {
    return brandId;
  }

  public boolean isDefault() {
    return isDefault;
  }

  public boolean isAutoAssign() {
    return autoAssign;
  }

  public QueueSummary summary() {
    return new QueueSummary(
        id,
        new BrandId(brandId),
        name,
        autoAssign,
        isDefault,
        members.stream().map(UserId::new).collect(Collectors.toUnmodifiableSet()),
        policy,
        overflowQueueId,
        overflowAfter(),
        handback);
  }
}
