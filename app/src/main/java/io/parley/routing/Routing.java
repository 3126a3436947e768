package io.parley.routing;

import io.parley.conversations.CaseId;
import io.parley.conversations.CaseOpened;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.Cases;
import io.parley.conversations.QueueDirectory;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import io.parley.identity.UserSummary;
import io.parley.identity.Users;
import io.parley.routing.internal.QueueAdministration;
import io.parley.routing.internal.QueueRepository;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Puts every new case in its brand's default queue and, where the queue says so, assigns it. */
@Service
public class Routing implements QueueDirectory {

  private static final Logger log = LoggerFactory.getLogger(Routing.class);

  private final QueueRepository queues;
  private final QueueAdministration administration;
  private final Cases cases;
  private final Users users;
  private final org.springframework.transaction.support.TransactionTemplate transactions;

  Routing(
      QueueRepository queues,
      QueueAdministration administration,
      Cases cases,
      Users users,
      org.springframework.transaction.PlatformTransactionManager transactionManager) {
    this.transactions =
        new org.springframework.transaction.support.TransactionTemplate(transactionManager);
    this.queues = queues;
    this.administration = administration;
    this.cases = cases;
    this.users = users;
  }

  /**
   * Routes each new case after it is committed. Not one transaction around everything: a case an
   * agent changes at the same moment makes one attempt fail, and the next one succeeds.
   */
  @org.springframework.scheduling.annotation.Async
  @org.springframework.transaction.event.TransactionalEventListener
  void on(CaseOpened opened) {
    for (int attempt = 1; ; attempt++) {
      try {
        transactions.executeWithoutResult(status -> route(opened.id(), opened.brand()));
        return;
      } catch (io.parley.conversations.CaseRejected
          | org.springframework.orm.ObjectOptimisticLockingFailureException e) {
        if (attempt >= 5) {
          throw e;
        }
        log.debug("Routing {} again after a concurrent change", opened.reference());
      }
    }
  }

  /** Routes one case; safe to call again (a case already assigned stays with its agent). */
  @Transactional
  public void route(CaseId id, BrandId brand) {
    var queue = queues.lockDefaultOf(brand.value());
    if (queue.isEmpty()) {
      return;
    }
    var current = cases.find(id).orElseThrow();
    if (current.queueId() == null) {
      cases.moveToQueue(id, queue.get().getId(), null);
    }
    if (!queue.get().isAutoAssign() || current.assignee() != null) {
      return;
    }
    var next =
        queue
            .get()
            .nextAssignee(
                userId ->
                    users
                        .find(new UserId(userId))
                        .filter(UserSummary::active)
                        .filter(u -> u.role().isStaff())
                        .isPresent());
    next.ifPresent(
        userId -> {
          cases.update(
              id, new CaseUpdate(null, null, null, new UserId(userId), false, null), null, null);
          log.debug("Case {} assigned round-robin to user #{}", current.reference(), userId);
        });
  }

  @Override
  @Transactional(readOnly = true)
  public List<Long> queuesOf(UserId user) {
    return queues.idsWithMember(user.value());
  }

  @Transactional(readOnly = true)
  public List<QueueSummary> all() {
    return administration.all();
  }

  /** Creates a queue; used by admins and the demo. */
  @Transactional
  public QueueSummary create(
      BrandId brand, String name, boolean autoAssign, boolean isDefault, List<UserId> members) {
    return administration.create(brand, name, autoAssign, isDefault, members);
  }
}
