package io.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A memo answers each question once per transaction, and a transaction started inside another
 * (REQUIRES_NEW) has its own answers: it neither sees the outer one's nor leaves its own behind.
 */
@ParleyTest
class TransactionMemoTests {

  @Autowired PlatformTransactionManager transactions;

  @Test
  void answersAreKeptPerTransactionAndAnInnerTransactionHasItsOwn() {
    TransactionMemo<String, Integer> memo = new TransactionMemo<>();
    AtomicInteger loads = new AtomicInteger();
    TransactionTemplate outer = new TransactionTemplate(transactions);
    TransactionTemplate inner = new TransactionTemplate(transactions);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

    outer.executeWithoutResult(
        s -> {
          assertThat(memo.get("answer", k -> loads.incrementAndGet())).isEqualTo(1);
          assertThat(memo.get("answer", k -> loads.incrementAndGet())).isEqualTo(1);
          inner.executeWithoutResult(
              t -> {
                assertThat(memo.get("answer", k -> 100 + loads.incrementAndGet()))
                    .as("the inner transaction asks again")
                    .isEqualTo(102);
                memo.put("inner only", 7);
              });
          assertThat(memo.get("answer", k -> loads.incrementAndGet()))
              .as("the outer transaction's answer is back")
              .isEqualTo(1);
          assertThat(memo.get("inner only", k -> -1)).isEqualTo(-1);
        });

    // Outside any transaction nothing is remembered.
    assertThat(memo.get("answer", k -> loads.incrementAndGet())).isEqualTo(3);
    assertThat(memo.get("answer", k -> loads.incrementAndGet())).isEqualTo(4);
  }
}
