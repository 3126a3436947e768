package io.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.support.ParleyTest;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@ParleyTest
class CaseNumberingTests {

  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;

  @Test
  void casesOpenedConcurrentlyGetDistinctConsecutiveNumbersWithTheBrandPrefix() throws Exception {
    BrandSummary brand = brands.register("numbering-test", "Numbering Test", "NUM");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<CaseView>> openings =
          IntStream.range(0, 80)
              .<Callable<CaseView>>mapToObj(
                  i ->
                      () ->
                          cases.open(
                              new NewCase(
                                  brand.id(),
                                  "",
                                  null,
                                  null,
                                  null,
                                  "email",
                                  "Message number " + i,
                                  null)))
              .toList();
      List<String> references =
          pool.invokeAll(openings).stream()
              .map(CaseNumberingTests::get)
              .map(CaseView::reference)
              .toList();

      assertThat(references).doesNotHaveDuplicates().allMatch(r -> r.startsWith("NUM-"));
      assertThat(references.stream().map(r -> Long.parseLong(r.substring(4))).sorted())
          .containsExactlyElementsOf(IntStream.range(1001, 1081).mapToObj(i -> (long) i).toList());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aBrandNumberedByTheOldCounterContinuesWhereTheCounterStood() {
    BrandSummary brand = brands.register("numbering-upgrade", "Numbering Upgrade", "UPG");
    // The first version kept the next number in a row-locked counter table.
    jdbc.update(
        "insert into conversations_case_counter (brand_id, next_number) values (?, 5000)",
        brand.id().value());

    CaseView first =
        cases.open(
            new NewCase(brand.id(), "", null, null, null, "email", "After the upgrade", null));
    CaseView second =
        cases.open(new NewCase(brand.id(), "", null, null, null, "email", "And the next", null));

    assertThat(first.reference()).isEqualTo("UPG-5000");
    assertThat(second.reference()).isEqualTo("UPG-5001");
  }

  @Test
  void aCaseWithoutSubjectIsNamedAfterItsFirstMessage() {
    BrandSummary brand = brands.findByCode("acme-mobile").orElseThrow();

    CaseView aCase =
        cases.open(new NewCase(brand.id(), " ", null, null, null, "weibo", "蓝牙无法连接，\n怎么办？", null));

    assertThat(aCase.subject()).isEqualTo("蓝牙无法连接， 怎么办？");
    assertThat(aCase.status()).isEqualTo(CaseStatus.NEW);
    assertThat(aCase.priority()).isEqualTo(Priority.NORMAL);
    assertThat(cases.messages(aCase.id()))
        .singleElement()
        .extracting(MessageView::kind)
        .isEqualTo(MessageKind.INBOUND);
  }

  private static CaseView get(Future<CaseView> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
