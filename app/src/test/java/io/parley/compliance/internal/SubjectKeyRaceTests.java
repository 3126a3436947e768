package io.parley.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.support.ParleyTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's audit key is created on first use under a savepoint of the writer's transaction:
 * when two transactions create it at once, the one that loses the race takes the winner's key and
 * goes on (its transaction is not aborted), so everything both wrote decrypts with the one key.
 */
@ParleyTest
class SubjectKeyRaceTests {

  @Autowired SubjectKeys keys;
  @Autowired Customers customers;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void twoTransactionsCreatingOneCustomersKeyAtOnceBothCommitWithTheSameKey() throws Exception {
    CustomerId customer =
        customers.register(
            new NewCustomer(
                "Key Race", null, null, List.of(), List.of(), List.of(), List.of(), null));
    TransactionTemplate tx = new TransactionTemplate(transactions);
    CountDownLatch firstInserted = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);

    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () ->
                tx.execute(
                    s -> {
                      String sealed = keys.encrypt(customer.value(), "first");
                      firstInserted.countDown();
                      await(secondStarted);
                      sleepQuietly(300); // the second is now waiting on the unique key
                      return sealed;
                    }));
    await(firstInserted);
    CompletableFuture<String> second =
        CompletableFuture.supplyAsync(
            () ->
                tx.execute(
                    s -> {
                      secondStarted.countDown();
                      String sealed = keys.encrypt(customer.value(), "second");
                      // The transaction is still usable after the lost race.
                      jdbc.queryForObject("select 1", Integer.class);
                      return sealed;
                    }));

    String a = first.get(30, TimeUnit.SECONDS);
    String b = second.get(30, TimeUnit.SECONDS);

    assertThat(
            jdbc.queryForObject(
                "select count(*) from compliance_subject_key where customer_id = ?",
                Long.class,
                customer.value()))
        .isEqualTo(1);
    assertThat(keys.decrypt(customer.value(), a)).isEqualTo("first");
    assertThat(keys.decrypt(customer.value(), b)).isEqualTo("second");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
