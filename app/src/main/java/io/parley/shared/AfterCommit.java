package io.parley.shared;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must only see what the current transaction committed. */
public final class AfterCommit {

  private AfterCommit() {}

  /**
   * Runs {@code action} once the current transaction commits (never if it rolls back), or at once
   * when there is no transaction.
   */
  public static void run(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              action.run();
            }
          });
    } else {
      action.run();
    }
  }
}
