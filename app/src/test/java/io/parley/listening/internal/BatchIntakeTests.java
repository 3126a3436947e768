package io.parley.listening.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.Ingest;
import io.parley.channels.IngestResult;
import io.parley.channels.IngestResult.Outcome;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.routing.Routing;
import io.parley.support.ListenedPosts;
import io.parley.support.ParleyTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A burst of posts handed over at once ({@link Ingest#receiveAll}) is stored in one transaction,
 * with each post's outcome what it would have been alone: matched posts become mentions and cases,
 * the rest inbound records only, redeliveries duplicates; one post that cannot be handled costs
 * only itself.
 */
@ParleyTest
class BatchIntakeTests {

  @Autowired Brands brands;
  @Autowired ChannelAccounts accounts;
  @Autowired Ingest ingest;
  @Autowired Routing routing;
  @Autowired RuleBook rules;
  @Autowired JdbcTemplate jdbc;

  BrandSummary brand;
  ChannelAccountId weibo;

  @BeforeEach
  void brandWithAWeiboAccountAndARule() {
    String code = "bi" + UUID.randomUUID().toString().substring(0, 6);
    brand = brands.register(code, "Batch " + code, code.toUpperCase());
    weibo = accounts.register(brand.id(), "weibo", "Weibo " + code, "@" + code).id();
    routing.create(brand.id(), "Support", false, true, List.of());
    rules.define(
        brand.id().value(),
        "flicker",
        "(\"screen flickering\" OR 闪屏) NOT refund",
        true,
        "HIGH",
        "brand:" + code);
  }

  private static InboundMessage post(String id, String author, String text) {
    return ListenedPosts.post(
        id, new InboundAuthor("weibo", author, "fan_" + author, "Fan " + author, null, null), text);
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class, weibo.value());
  }

  /**
   * Waits until the cases captured for the account's posts are complete (their customers, the
   * mentions, the audit entries come just after the capture commits).
   */
  private void completed() {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> count("select count(*) from channels_captured where account_id = ?") == 0);
  }

  @Test
  void aBurstIsStoredInOneGoWithEachPostsOwnOutcome() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<InboundMessage> burst = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String text =
          switch (i % 3) {
            case 0 -> "my screen flickering again, model " + i;
            case 1 -> "手机又闪屏了 " + i;
            default -> "lovely weather today " + i;
          };
      // Ten authors, each posting three times: the later posts find the customer the first made.
      burst.add(post(tag + "-" + i, tag + "-a" + (i % 10), text));
    }
    burst.add(post(tag + "-0", tag + "-a0", "my screen flickering again, model 0")); // resent

    List<IngestResult> results = ingest.receiveAll(weibo, burst);

    assertThat(results).hasSize(31);
    for (int i = 0; i < 30; i++) {
      // The weather matches no rule: a listened post like that is not stored.
      assertThat(results.get(i).outcome())
          .isEqualTo(i % 3 == 2 ? Outcome.IGNORED : Outcome.ACCEPTED);
    }
    assertThat(results.get(30).outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(results.get(30).inboundId()).isEqualTo(results.get(0).inboundId());
    assertThat(count("select count(*) from channels_inbound where account_id = ?")).isEqualTo(20);
    assertThat(count("select count(*) from conversations_case where channel_account_id = ?"))
        .isEqualTo(20);
    completed();
    assertThat(count("select count(*) from listening_mention where channel_account_id = ?"))
        .isEqualTo(20);
    assertThat(
            count(
                "select count(distinct customer_id) from conversations_case"
                    + " where channel_account_id = ?"))
        .as("one customer per author")
        .isEqualTo(10);
    // Every matched post is the first message of its own case, with the rule's priority.
    assertThat(
            jdbc.queryForList(
                "select m.inbound_id from conversations_message m join conversations_case c on"
                    + " c.id = m.case_id where c.channel_account_id = ? and c.priority = 'HIGH'",
                Long.class,
                weibo.value()))
        .containsExactlyInAnyOrderElementsOf(
            List.of(0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 18, 19, 21, 22, 24, 25, 27, 28)
                .stream()
                .map(i -> results.get(i).inboundId())
                .toList());

    // The page's case numbers are taken together, in the order of its posts: the brand is new, so
    // they are its first twenty.
    assertThat(
            jdbc.queryForList(
                "select c.number from conversations_case c join conversations_message m on"
                    + " m.case_id = c.id where c.channel_account_id = ? order by m.inbound_id",
                Long.class,
                weibo.value()))
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1001, 1020).boxed().toList());

    // Each case's opening is audited (the page's entries written as one batch at commit), under
    // its customer's key, one key per new customer.
    assertThat(
            count(
                "select count(*) from compliance_audit_entry where action = 'case.opened' and"
                    + " subject_id in (select cast(id as varchar) from conversations_case where"
                    + " channel_account_id = ?)"))
        .isEqualTo(20);
    assertThat(
            count(
                "select count(*) from compliance_subject_key where customer_id in (select"
                    + " customer_id from conversations_case where channel_account_id = ?)"))
        .isEqualTo(10);
    assertThat(
            count(
                "select count(*) from compliance_audit_entry e join conversations_case c on"
                    + " e.subject_id = cast(c.id as varchar) and e.action = 'case.opened' where"
                    + " c.channel_account_id = ? and e.after_value like 'enc:%'"))
        .as("the first message is kept encrypted")
        .isEqualTo(20);

    List<IngestResult> again = ingest.receiveAll(weibo, burst.subList(0, 5));
    assertThat(again)
        .extracting(IngestResult::outcome)
        .containsExactly(
            Outcome.DUPLICATE,
            Outcome.DUPLICATE,
            Outcome.IGNORED,
            Outcome.DUPLICATE,
            Outcome.DUPLICATE);
    assertThat(again.stream().map(IngestResult::inboundId))
        .containsExactlyElementsOf(results.subList(0, 5).stream().map(r -> r.inboundId()).toList());
    assertThat(count("select count(*) from conversations_case where channel_account_id = ?"))
        .isEqualTo(20);
  }

  @Test
  void aPostThatCannotBeHandledFailsAloneAndTheOthersAreKept() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    // Longer than a case message may be: opening its case fails, which rolls the batch back.
    String tooLong = "screen flickering " + "x".repeat(100_100);
    List<InboundMessage> burst =
        List.of(
            post(tag + "-1", tag + "-a", "screen flickering since the update"),
            post(tag + "-2", tag + "-b", tooLong),
            post(tag + "-3", tag + "-c", "闪屏怎么办"));

    List<IngestResult> results = ingest.receiveAll(weibo, burst);

    assertThat(results)
        .extracting(IngestResult::outcome)
        .containsExactly(Outcome.ACCEPTED, Outcome.FAILED, Outcome.ACCEPTED);
    assertThat(count("select count(*) from conversations_case where channel_account_id = ?"))
        .isEqualTo(2);
    // Nothing is lost: the failed post is kept with its content, for the account's health.
    assertThat(
            jdbc.queryForObject(
                "select status from channels_inbound where id = ?",
                String.class,
                results.get(1).inboundId()))
        .isEqualTo("FAILED");
    completed();
    assertThat(count("select count(*) from listening_mention where channel_account_id = ?"))
        .as("the failed post has no mention: only the completed cases' posts do")
        .isEqualTo(2);
  }
}
