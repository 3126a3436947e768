package io.parley.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.channels.CaseCapture;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.Classification;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.InboundMessageReceived;
import io.parley.channels.Ingest;
import io.parley.channels.IngestResult;
import io.parley.channels.PostsBeingOpened;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseRejected;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.Priority;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.listening.ListeningRules;
import io.parley.support.ListenedPosts;
import io.parley.support.ParleyTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Listened posts that rules make cases are captured (committed as the least a case can be before
 * the post is acknowledged) and completed after commit, each exactly once, whatever happens in
 * between.
 */
@ParleyTest
class CapturedCasesTests {

  @Autowired Brands brands;
  @Autowired ChannelAccounts accounts;
  @Autowired ListeningRules rules;
  @Autowired Ingest ingest;
  @Autowired Cases cases;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseCapture capture;
  @Autowired CapturedPosts captured;
  @Autowired InboundPipeline pipeline;
  @Autowired PlatformTransactionManager transactions;
  @org.springframework.boot.test.web.server.LocalServerPort int port;

  @Autowired io.parley.conversations.Workload workload;
  @Autowired io.parley.routing.Routing routing;
  @Autowired PostsBeingOpened beingOpened;

  BrandSummary brand;
  ChannelAccountId weibo;
  long rule;
  long queue;

  @BeforeEach
  void aBrandListeningOnWeibo() {
    // Nothing another test captured is still waiting (its completion would race this test's).
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              captured.completeAll();
              return jdbc.queryForObject(
                      "select count(*) from channels_captured where attempts < ?",
                      Long.class,
                      CapturedPosts.MAX_ATTEMPTS)
                  == 0;
            });
    String code = "cp" + UUID.randomUUID().toString().substring(0, 6);
    brand = brands.register(code, "Capture " + code, code.toUpperCase());
    weibo = accounts.register(brand.id(), "weibo", "Weibo " + code, "@" + code).id();
    rule = rules.define(brand.id(), "flicker", "flickering", true, "HIGH", "brand:" + code);
    queue = routing.create(brand.id(), "Screens", false, false, List.of()).id();
    rules.define(brand.id(), "praise", "lovely", false, null, "brand:" + code);
  }

  private static InboundAuthor author(String id) {
    return new InboundAuthor("weibo", "u-" + id, "fan_" + id, "Fan " + id, null, null);
  }

  private List<Long> caseIdsOf(List<IngestResult> results) {
    List<Long> ids = new ArrayList<>();
    for (IngestResult r : results) {
      ids.addAll(
          jdbc.queryForList(
              "select case_id from conversations_message where inbound_id = ?",
              Long.class,
              r.inboundId()));
    }
    return ids;
  }

  private long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  @Test
  void aBurstIsCommittedAsCasesAtOnceAndEachIsCompletedExactlyOnce() {
    String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
    List<InboundMessage> page = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String id = word + "-" + i;
      String text =
          switch (i % 3) {
            case 0, 1 -> "My screen keeps flickering " + word + " " + i;
            default -> i % 2 == 0 ? "What lovely weather " + word : "Nothing to see " + word;
          };
      page.add(ListenedPosts.post(id, author(id), text));
    }

    List<IngestResult> results = ingest.receiveAll(weibo, page);

    List<IngestResult> opening = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      if (i % 3 != 2) {
        opening.add(results.get(i));
        assertThat(results.get(i).outcome()).isEqualTo(IngestResult.Outcome.ACCEPTED);
      }
    }
    // Acknowledged only once committed: every opening post already has its case, numbered, in
    // the rule's priority, with the post as its first message.
    List<Long> caseIds = caseIdsOf(opening);
    assertThat(caseIds).hasSize(8).doesNotHaveDuplicates();
    for (long id : caseIds) {
      CaseView captured = cases.find(new CaseId(id)).orElseThrow();
      assertThat(captured.priority()).isEqualTo(Priority.HIGH);
      assertThat(captured.reference()).startsWith(brand.casePrefix() + "-");
      assertThat(cases.messages(new CaseId(id))).singleElement();
    }
    // Completed just after: the author as customer, the rule's tag, the history's "opened", one
    // mention each, the audit trail, the full-text index.
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                caseIds.stream()
                    .allMatch(id -> cases.find(new CaseId(id)).orElseThrow().customer() != null));
    for (int k = 0; k < opening.size(); k++) {
      long caseId = caseIds.get(k);
      long inbound = opening.get(k).inboundId();
      CaseView done = cases.find(new CaseId(caseId)).orElseThrow();
      assertThat(done.tags()).contains("brand:" + brand.code());
      assertThat(cases.messages(new CaseId(caseId)).get(0).authorCustomer())
          .isEqualTo(done.customer());
      assertThat(
              count(
                  "select count(*) from conversations_case_event where case_id = ? and kind ="
                      + " 'opened'",
                  caseId))
          .isOne();
      assertThat(
              count(
                  "select count(*) from listening_mention where inbound_id = ? and opens_case",
                  inbound))
          .isOne();
      assertThat(
              count(
                  "select count(*) from compliance_audit_entry where action = 'message.in' and"
                      + " subject_id = ?",
                  String.valueOf(inbound)))
          .isOne();
      assertThat(
              count(
                  "select count(*) from compliance_audit_entry where action = 'case.opened' and"
                      + " subject_id = ?",
                  String.valueOf(caseId)))
          .isOne();
    }
    assertThat(count("select count(*) from channels_captured where account_id = ?", weibo.value()))
        .isZero();
    // The two watched posts are mentions and no cases; the two unmatched ones are nothing.
    assertThat(
            count(
                "select count(*) from listening_mention where brand_id = ? and not opens_case",
                brand.id().value()))
        .isEqualTo(2);
    assertThat(
            count("select count(*) from conversations_case where brand_id = ?", brand.id().value()))
        .isEqualTo(8);
    CurrentUser admin =
        new CurrentUser(new UserId(1), "admin", "Admin", Role.ADMIN, Set.of(brand.id()));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(cases.search(word, admin, 0, 20).items())
                    .extracting(c -> c.id().value())
                    .containsExactlyInAnyOrderElementsOf(caseIds));
    assertThat(captured.completeAll()).isZero();
    assertThat(
            count("select count(*) from listening_mention where brand_id = ?", brand.id().value()))
        .isEqualTo(10);
  }

  /**
   * What the pipeline commits for a captured post: its inbound record, its case, and the
   * announcement still owed to its listeners (what a crash right after the commit leaves).
   */
  private InboundMessageReceived capturedOnly(String text, String payload) {
    String id = "crash-" + UUID.randomUUID();
    InboundMessage post = ListenedPosts.post(id, author(id.substring(6, 14)), text);
    return new TransactionTemplate(transactions)
        .execute(
            s -> {
              long record =
                  pipeline
                      .insertRecords(
                          weibo.value(), List.of(new InboundPipeline.Row(post, "ACCEPTED", null)))[
                      0];
              if (payload != null) {
                jdbc.update(
                    "update channels_inbound set payload = ? where id = ?", payload, record);
              }
              InboundMessageReceived received =
                  new InboundMessageReceived(
                      record,
                      weibo,
                      brand.id(),
                      "weibo",
                      post,
                      false,
                      new Classification(
                          List.of(rule), Set.of("brand:" + brand.code()), queue, "URGENT", true));
              capture.capture(List.of(received));
              captured.record(List.of(received));
              return received;
            });
  }

  private CaseView caseOf(InboundMessageReceived post) {
    return cases
        .find(
            new CaseId(
                count(
                    "select case_id from conversations_message where inbound_id = ?",
                    post.inboundId())))
        .orElseThrow();
  }

  @Test
  void aCaptureThatACrashLeftIsCompletedByTheSweepAndNothingChangesItMeanwhile() {
    InboundMessageReceived post = capturedOnly("Screen flickering since the update", null);
    CaseView before = caseOf(post);
    assertThat(before.customer()).isNull();
    assertThat(before.priority()).isEqualTo(Priority.URGENT);
    assertThat(before.queueId()).isEqualTo(queue);
    assertThat(before.tags()).isEmpty();
    assertThat(
            count("select count(*) from listening_mention where inbound_id = ?", post.inboundId()))
        .isZero();
    // Until it is complete, the console says so, routing leaves it alone and nobody can change
    // or answer it.
    var console = new io.parley.support.WebClient(port);
    console.login("admin", ParleyTest.ADMIN_PASSWORD);
    assertThat(console.get("/cases/" + before.reference()).body())
        .contains("data-testid=\"case-opening\"", "This case is being opened");
    assertThat(workload.waiting(queue, 100))
        .extracting(w -> w.aCase().id())
        .doesNotContain(before.id());
    assertThat(workload.backlog(List.of(queue))).doesNotContainKey(queue);
    // The supervisors' board sees it coming, though it is in no queue's backlog yet.
    assertThat(console.get("/supervisor/board").body())
        .contains(
            "data-testid=\"being-opened\"",
            "Cases being opened from listened posts: 1, not yet in their queues");
    UserId agent = new UserId(count("select id from identity_user where username = 'li.na'"));
    assertThatThrownBy(() -> cases.assign(before.id(), agent))
        .isInstanceOfSatisfying(
            CaseRejected.class, e -> assertThat(e.messageKey()).isEqualTo("case.opening"));
    assertThatThrownBy(() -> cases.reply(before.id(), agent, "We are on it"))
        .isInstanceOfSatisfying(
            CaseRejected.class, e -> assertThat(e.messageKey()).isEqualTo("case.opening"));

    assertThat(captured.completeAll()).isEqualTo(1);

    CaseView after = caseOf(post);
    assertThat(after.customer()).isNotNull();
    assertThat(after.tags()).contains("brand:" + brand.code());
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(
            count("select count(*) from listening_mention where inbound_id = ?", post.inboundId()))
        .isOne();
    assertThat(
            count(
                "select count(*) from conversations_case_event where case_id = ? and kind ="
                    + " 'opened'",
                after.id().value()))
        .isOne();
    // Now it waits in its queue like any case (nobody of this new brand is online) and is
    // an agent's to take.
    assertThat(workload.waiting(queue, 100)).extracting(w -> w.aCase().id()).contains(after.id());
    assertThat(workload.backlog(List.of(queue)).get(queue).waiting()).isOne();
    cases.assign(after.id(), agent);
    assertThat(caseOf(post).assignee()).isEqualTo(agent);
    assertThat(console.get("/cases/" + after.reference()).body()).doesNotContain("case-opening");
    assertThat(console.get("/supervisor/board").body()).doesNotContain("being-opened");
  }

  @Test
  void theBoardsCountOfCasesBeingOpenedStopsAtItsLimitAndLeavesOutPostsGivenUpOn() {
    // Rows alone, in a transaction rolled back: the completer never sees them. Counted against
    // what is due already (nothing, unless something else captures meanwhile).
    long before = beingOpened.now().count();
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            tx -> {
              java.sql.Timestamp first =
                  java.sql.Timestamp.from(
                      java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
              String insert =
                  "insert into channels_captured (inbound_id, account_id, brand_id,"
                      + " channel_type, confirm_receipt, classification, captured_at, attempts)"
                      + " values (?, ?, ?, 'weibo', false, '{}', ?, ?)";
              // Keys no inbound record has, first by key. Given up on (released to agents): not
              // being opened any more.
              jdbc.update(insert, -3_000_000L, weibo.value(), brand.id().value(), first, 5);
              jdbc.update(insert, -2_000_000L, weibo.value(), brand.id().value(), first, 2);
              var one = beingOpened.now();
              assertThat(one.count()).isEqualTo(before + 1);
              assertThat(one.more()).isFalse();
              assertThat(one.oldestSince()).isEqualTo(first.toInstant());
              List<Object[]> rows = new ArrayList<>();
              for (long id = -1_999_999; id < -1_999_999 + PostsBeingOpened.COUNT_LIMIT; id++) {
                rows.add(
                    new Object[] {
                      id,
                      weibo.value(),
                      brand.id().value(),
                      java.sql.Timestamp.from(java.time.Instant.now()),
                      0
                    });
              }
              jdbc.batchUpdate(insert, rows);
              var many = beingOpened.now();
              assertThat(many.count()).isEqualTo(PostsBeingOpened.COUNT_LIMIT);
              assertThat(many.more()).isTrue();
              assertThat(many.oldestSince()).isEqualTo(first.toInstant());
              tx.setRollbackOnly();
            });
    assertThat(beingOpened.now().count()).isEqualTo(before);
  }

  @Test
  void aReplyToACapturedPostJoinsItsCaseBeforeTheCaseIsComplete() {
    InboundMessageReceived post = capturedOnly("My screen is flickering", null);
    String replyId = "reply-" + UUID.randomUUID();
    InboundMessage reply =
        new InboundMessage(
            replyId,
            null,
            List.of(post.message().externalId()),
            post.message().author(),
            null,
            "Still flickering after the restart",
            null,
            List.of(),
            true,
            java.time.Instant.now(),
            java.util.Map.of(),
            InboundMessage.Source.LISTENED,
            null);

    IngestResult result = ingest.receive(weibo, reply);

    assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.ACCEPTED);
    CaseView aCase = caseOf(post);
    assertThat(cases.messages(aCase.id()))
        .extracting(m -> m.body())
        .containsExactly("My screen is flickering", "Still flickering after the restart");
    assertThat(captured.completeAll()).isEqualTo(1);
    CaseView done = caseOf(post);
    assertThat(done.customer()).isNotNull();
    assertThat(cases.messages(done.id()).get(1).authorCustomer()).isEqualTo(done.customer());
  }

  @Test
  void twoCompletersRunningAtOnceCompleteEachPostOnce() throws Exception {
    List<InboundMessageReceived> posts = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      posts.add(capturedOnly("Flickering screen, report " + i, null));
    }
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = two.submit(captured::completeAll);
      var second = two.submit(captured::completeAll);
      assertThat(first.get() + second.get()).isEqualTo(150);
    } finally {
      two.shutdown();
    }
    for (InboundMessageReceived post : posts) {
      CaseView done = caseOf(post);
      assertThat(done.customer()).isNotNull();
      assertThat(
              count(
                  "select count(*) from conversations_case_event where case_id = ? and kind ="
                      + " 'opened'",
                  done.id().value()))
          .isOne();
      assertThat(
              count(
                  "select count(*) from listening_mention where inbound_id = ?", post.inboundId()))
          .isOne();
      assertThat(
              count(
                  "select count(*) from compliance_audit_entry where action = 'message.in' and"
                      + " subject_id = ?",
                  String.valueOf(post.inboundId())))
          .isOne();
    }
  }

  @Test
  void aReleaseThatFailsIsTriedAgainUntilItIsReleased() {
    InboundMessageReceived broken = capturedOnly("Flickering, and the release fails", "{oops");
    // Its last try: it fails, and so does its release (its inbound record cannot be read).
    jdbc.update(
        "update channels_captured set attempts = ?, retry_at = null where inbound_id = ?",
        CapturedPosts.MAX_ATTEMPTS - 1,
        broken.inboundId());
    jdbc.update("update channels_inbound set id = -id where id = ?", broken.inboundId());

    assertThat(captured.completeAll()).isZero();

    // Not left behind for good: due once more, its case still being opened.
    assertThat(
            jdbc.queryForMap(
                "select attempts, retry_at from channels_captured where inbound_id = ?",
                broken.inboundId()))
        .containsEntry("attempts", CapturedPosts.MAX_ATTEMPTS - 1)
        .hasEntrySatisfying("retry_at", at -> assertThat(at).isNotNull());
    assertThat(caseOf(broken).captured()).isTrue();

    jdbc.update("update channels_inbound set id = -id where id = ?", -broken.inboundId());
    jdbc.update(
        "update channels_captured set retry_at = null where inbound_id = ?", broken.inboundId());
    assertThat(captured.completeAll()).isZero();

    assertThat(caseOf(broken).captured()).isFalse();
    assertThat(workload.waiting(queue, 100))
        .extracting(w -> w.aCase().id())
        .contains(caseOf(broken).id());
    assertThat(
            count(
                "select count(*) from compliance_audit_entry where action = 'message.in' and"
                    + " subject_id = ?",
                String.valueOf(broken.inboundId())))
        .isOne();
  }

  @Test
  void aPostThatCannotBeCompletedCostsOnlyItselfAndIsKeptWithItsError() {
    InboundMessageReceived broken = capturedOnly("Flickering, and the payload is lost", "{oops");
    InboundMessageReceived fine = capturedOnly("Flickering here too", null);

    assertThat(captured.completeAll()).isEqualTo(1);

    assertThat(caseOf(fine).customer()).isNotNull();
    assertThat(
            jdbc.queryForMap(
                "select attempts, last_error from channels_captured where inbound_id = ?",
                broken.inboundId()))
        .containsEntry("attempts", 1)
        .hasEntrySatisfying("last_error", e -> assertThat((String) e).isNotBlank());
    for (int i = 1; i < CapturedPosts.MAX_ATTEMPTS; i++) {
      // It waits 2, 4, 8… seconds before each new try: as if that time had passed.
      assertThat(captured.completeAll()).isZero();
      jdbc.update(
          "update channels_captured set retry_at = null where inbound_id = ?", broken.inboundId());
      captured.completeAll();
    }
    assertThat(
            count(
                "select attempts from channels_captured where inbound_id = ?", broken.inboundId()))
        .isEqualTo(CapturedPosts.MAX_ATTEMPTS);
    // Given up on: no longer tried, kept with its error, and its case released to the agents as
    // an ordinary case without a customer, waiting in its queue.
    assertThat(captured.completeAll()).isZero();
    assertThat(
            count(
                "select attempts from channels_captured where inbound_id = ?", broken.inboundId()))
        .isEqualTo(CapturedPosts.MAX_ATTEMPTS);
    CaseView released = caseOf(broken);
    assertThat(released.subject()).contains("Flickering");
    // Its arrival is in the audit trail like any other message's, with why it was given up on.
    assertThat(
            jdbc.queryForList(
                "select subject_id from compliance_audit_entry where action = 'message.in'"
                    + " and subject_type = 'inbound'",
                String.class))
        .containsOnlyOnce(String.valueOf(broken.inboundId()))
        .contains(String.valueOf(fine.inboundId()));
    assertThat(
            jdbc.queryForObject(
                "select after_value from compliance_audit_entry where action = 'message.in'"
                    + " and subject_id = ?",
                String.class,
                String.valueOf(broken.inboundId())))
        .contains("given up", broken.message().externalId());
    assertThat(
            jdbc.queryForMap(
                "select actor_name, brand_id from compliance_audit_entry where action ="
                    + " 'message.in' and subject_id = ?",
                String.valueOf(broken.inboundId())))
        .containsEntry("actor_name", "channel:weibo")
        .containsEntry("brand_id", brand.id().value());
    assertThat(released.customer()).isNull();
    assertThat(workload.waiting(queue, 100))
        .extracting(w -> w.aCase().id())
        .contains(released.id());
    UserId agent = new UserId(count("select id from identity_user where username = 'li.na'"));
    cases.assign(released.id(), agent);
    assertThat(caseOf(broken).assignee()).isEqualTo(agent);
  }
}
