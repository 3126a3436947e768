package io.parley.routing.internal;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import io.parley.routing.QueueSummary;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating queues and changing their members and settings. */
@Service
public class QueueAdministration {

  private final QueueRepository queues;

  QueueAdministration(QueueRepository queues) {
    this.queues = queues;
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
      queues.findByBrandId(brand.value()).forEach(Queue::notDefault);
    }
    Queue queue = new Queue(brand.value(), clean, autoAssign, isDefault);
    queue.setMembers(members.stream().map(UserId::value).collect(Collectors.toSet()));
    return queues.save(queue).summary();
  }

  @Transactional
  public void configure(Long queueId, boolean autoAssign, boolean isDefault, List<UserId> members) {
    Queue queue =
        queues.findById(queueId).orElseThrow(() -> new IllegalArgumentException("queue.notFound"));
    if (isDefault) {
      queues.findByBrandId(queue.getBrandId()).stream()
          .filter(q -> !q.getId().equals(queueId))
          .forEach(Queue::notDefault);
    }
    queue.configure(autoAssign, isDefault);
    queue.setMembers(members.stream().map(UserId::value).collect(Collectors.toSet()));
  }
}
