package io.parley.listening.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.Classification;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.Ingest;
import io.parley.channels.IngestResult;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.Priority;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.routing.Routing;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ParleyTest
class ListeningFlowTests {

  @Autowired Brands brands;
  @Autowired ChannelAccounts accounts;
  @Autowired Ingest ingest;
  @Autowired Cases cases;
  @Autowired Routing routing;
  @Autowired RuleBook rules;
  @Autowired ListeningClassifier classifier;
  @Autowired JdbcTemplate jdbc;
  @Autowired Mentions mentions;
  @Autowired io.parley.compliance.internal.Erasure erasure;
  @Autowired ShareOfVoice voice;
  @LocalServerPort int port;

  BrandSummary brand;
  ChannelAccountId weibo;
  long escalations;

  @BeforeEach
  void brandWithAWeiboAccountAndAnEscalationQueue() {
    String code = "ls" + UUID.randomUUID().toString().substring(0, 6);
    brand = brands.register(code, "Listening " + code, code.toUpperCase());
    weibo = accounts.register(brand.id(), "weibo", "Weibo " + code, "@" + code).id();
    escalations = routing.create(brand.id(), "Escalations", false, false, List.of()).id();
    routing.create(brand.id(), "Support", false, true, List.of());
  }

  private long rule(String query, RuleAction action, String tags, String skills, Long queue) {
    var saved =
        rules.save(
            null,
            new RuleForm(
                brand.id().value(),
                "rule " + query,
                query,
                null,
                null,
                null,
                null,
                action,
                false,
                queue,
                action == RuleAction.OPEN_CASE ? "HIGH" : null,
                skills,
                tags,
                true));
    assertThat(saved.problems()).isEmpty();
    return saved.id();
  }

  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  private double ignoredCount() {
    var counter =
        meters
            .find("parley.inbound.ignored")
            .tag("account", String.valueOf(weibo.value()))
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private IngestResult post(String text, InboundMessage.Source source) {
    String id = UUID.randomUUID().toString();
    return ingest.receive(
        weibo,
        io.parley.support.ListenedPosts.post(
            id,
            new InboundAuthor("weibo", "u-" + id, "fan_" + id.substring(0, 5), "微博用户", null, null),
            text,
            source));
  }

  private Optional<CaseView> caseOf(IngestResult result) {
    return jdbc
        .queryForList(
            "select case_id from conversations_message where inbound_id = ?",
            Long.class,
            result.inboundId())
        .stream()
        .findFirst()
        .flatMap(id -> cases.find(new CaseId(id)));
  }

  @Test
  void aListenedPostMatchingARuleOpensACaseInTheRulesQueueWithItsTagsAndPriority() {
    rule(
        "(\"无法连接\" OR \"can't connect\") AND (bluetooth OR 蓝牙) NOT refund",
        RuleAction.OPEN_CASE,
        "brand:acme, product:earbuds",
        "zh",
        escalations);

    IngestResult result = post("我的藍牙耳機無法連接，怎么办？", InboundMessage.Source.LISTENED);

    // Committed before the post is acknowledged: the case in the rule's queue, with its priority.
    CaseView captured = caseOf(result).orElseThrow();
    assertThat(captured.queueId()).isEqualTo(escalations);
    assertThat(captured.priority()).isEqualTo(Priority.HIGH);
    // Completed just after commit: its customer, the rule's tags, the mention.
    CaseView opened =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(10))
            .until(() -> caseOf(result).orElseThrow(), c -> c.customer() != null);
    assertThat(opened.id()).isEqualTo(captured.id());
    assertThat(opened.queueId()).isEqualTo(escalations);
    assertThat(opened.tags()).contains("brand:acme", "product:earbuds", "skill:zh");
    Map<String, Object> mention =
        jdbc.queryForMap(
            "select sentiment, tags, opens_case, listened from listening_mention where inbound_id"
                + " = ?",
            result.inboundId());
    // Analysed when the mention is written (after the case was captured): a complaint.
    assertThat(mention.get("sentiment")).isEqualTo("NEGATIVE");
    assertThat((String) mention.get("tags")).contains("brand:acme");
    assertThat(mention.get("opens_case")).isEqualTo(true);
  }

  @Test
  void aListenedPostMatchingNoRuleIsIgnoredStoredNowhereButSeenByThePreview() {
    rule("bluetooth", RuleAction.OPEN_CASE, null, null, escalations);
    long inboundBefore =
        jdbc.queryForObject(
            "select count(*) from channels_inbound where account_id = ?",
            Long.class,
            weibo.value());
    String weather = "Lovely weather in Hangzhou today " + UUID.randomUUID();
    double countedBefore = ignoredCount();

    IngestResult result = post(weather, InboundMessage.Source.LISTENED);

    assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.IGNORED);
    assertThat(result.inboundId()).isZero();
    assertThat(ignoredCount()).as("counted as a metric").isEqualTo(countedBefore + 1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from channels_inbound where account_id = ?",
                Long.class,
                weibo.value()))
        .isEqualTo(inboundBefore);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from listening_mention where body = ?", Long.class, weather))
        .isZero();
    // The rule preview still sees it: a rule written now would have matched it.
    RuleBook.Preview preview = rules.preview(watching("hangzhou", null), 2000);
    assertThat(preview.problem()).isNull();
    assertThat(preview.matches()).anyMatch(seen -> seen.post().text().equals(weather));
  }

  private RuleForm watching(String query, String exclusions) {
    return RuleForms.watching(brand.id().value(), query, exclusions, null, null);
  }

  @Test
  void anyOneOfARulesExclusionsKeepsAPostOutLiveAndInThePreview() {
    assertThat(rules.save(null, watching("acme", "x12 buds")).problems()).isEmpty();
    String buds = "Acme buds are too quiet " + UUID.randomUUID();

    assertThat(post(buds, InboundMessage.Source.LISTENED).outcome())
        .isEqualTo(IngestResult.Outcome.IGNORED);
    assertThat(post("Acme x12 is too slow", InboundMessage.Source.LISTENED).outcome())
        .isEqualTo(IngestResult.Outcome.IGNORED);
    assertThat(post("Acme phone is too slow", InboundMessage.Source.LISTENED).outcome())
        .isNotEqualTo(IngestResult.Outcome.IGNORED);
    assertThat(rules.preview(watching("acme", "x12 buds"), 2000).matches())
        .noneMatch(seen -> seen.post().text().equals(buds));
    assertThat(rules.preview(watching("acme", null), 2000).matches())
        .anyMatch(seen -> seen.post().text().equals(buds));
  }

  @Test
  void aListenedPostMatchingAWatchRuleIsAMentionButNoCase() {
    rule("acme", RuleAction.WATCH, "competitor:acme", null, null);

    IngestResult result = post("Acme phones are overpriced", InboundMessage.Source.LISTENED);

    assertThat(caseOf(result)).isEmpty();
    CurrentUser admin =
        new CurrentUser(new UserId(1), "admin", "Admin", Role.ADMIN, Set.of(brand.id()));
    assertThat(mentions.latest(admin, new Mentions.Filter(null, "competitor:acme", null, null), 5))
        .anyMatch(m -> m.text().contains("overpriced") && !m.opensCase());
    for (String wildcard : List.of("competitor:a%", "competitor:ac_e")) {
      assertThat(mentions.latest(admin, new Mentions.Filter(null, wildcard, null, null), 5))
          .as("a tag filter is the tag as written")
          .isEmpty();
    }
    assertThat(voice.lastDays(admin, 7).perDay()).containsKey("competitor:acme");
  }

  @Test
  void aDirectMessageStillOpensACaseAndTakesTheTagsOfRulesItMatches() {
    rule("invoice", RuleAction.WATCH, "product:billing", "billing", null);

    IngestResult plain = post("@acme hello, where is my parcel?", InboundMessage.Source.DIRECT);
    IngestResult tagged = post("@acme my invoice is wrong", InboundMessage.Source.DIRECT);

    assertThat(caseOf(plain)).isPresent();
    CaseView withTags = caseOf(tagged).orElseThrow();
    assertThat(withTags.tags()).contains("product:billing", "skill:billing");
  }

  @Test
  void erasingACustomerErasesTheirMentionsButKeepsTheirCountsInShareOfVoice() {
    rule("wombatfone", RuleAction.WATCH, "competitor:wombat", null, null);
    String id = UUID.randomUUID().toString();
    InboundAuthor author =
        new InboundAuthor("weibo", "u-" + id, "wombat_" + id.substring(0, 5), "袋熊迷", null, null);
    IngestResult first =
        ingest.receive(
            weibo,
            io.parley.support.ListenedPosts.post(
                id + "-1",
                author,
                "Wombatfone screen cracked",
                InboundMessage.Source.LISTENED,
                List.of(
                    new io.parley.channels.InboundMedia(
                        "photo",
                        "https://wx1.sinaimg.cn/large/005Wombat1.jpg",
                        null,
                        "my cracked screen"))));
    ingest.receive(
        weibo,
        io.parley.support.ListenedPosts.post(
            id + "-2", author, "Wombatfone battery again", InboundMessage.Source.LISTENED));
    // Someone else saying the same words keeps their mention, and so does a stranger on another
    // network whose user id happens to be the same.
    IngestResult other = post("Wombatfone is fine for me", InboundMessage.Source.LISTENED);
    InboundAuthor namesake =
        new InboundAuthor("mastodon", "u-" + id, "wombat_fan", "Wombat Fan", null, null);
    ingest.receive(
        weibo,
        io.parley.support.ListenedPosts.post(
            id + "-3", namesake, "Wombatfone on the fediverse", InboundMessage.Source.LISTENED));
    long firstMention =
        jdbc.queryForObject(
            "select id from listening_mention where inbound_id = ?", Long.class, first.inboundId());
    CurrentUser admin =
        new CurrentUser(new UserId(1), "admin", "Admin", Role.ADMIN, Set.of(brand.id()));
    var customer = mentions.contact(firstMention, admin);

    assertThat(erasure.erase(customer, new UserId(1)).erased()).isTrue();

    assertThat(
            jdbc.queryForList(
                "select body from listening_mention where body like 'Wombatfone%' or"
                    + " author_external_id = ?",
                "u-" + id))
        .extracting(row -> row.get("body"))
        .containsExactlyInAnyOrder("Wombatfone is fine for me", "Wombatfone on the fediverse");
    assertThat(
            jdbc.queryForList(
                "select author_handle, author_name, author_external_id, media from"
                    + " listening_mention where body = '[erased]' and tags like"
                    + " '%competitor:wombat%'"))
        .hasSize(2)
        .allSatisfy(row -> assertThat(row.values()).containsOnlyNulls());
    assertThat(
            jdbc.queryForObject(
                "select author_handle from listening_mention where inbound_id = ?",
                String.class,
                other.inboundId()))
        .startsWith("fan_");
  }

  @Test
  void aPostItsRuleOrTheIntakeMadeACaseShowsThatCaseAndIsNotOpenedASecondOne() {
    rule("quokkaphone", RuleAction.OPEN_CASE, "brand:quokka", null, escalations);
    IngestResult listened = post("My quokkaphone will not charge", InboundMessage.Source.LISTENED);
    IngestResult direct = post("@acme quokkaphone order late", InboundMessage.Source.DIRECT);
    CurrentUser admin =
        new CurrentUser(new UserId(1), "admin", "Admin", Role.ADMIN, Set.of(brand.id()));
    for (IngestResult result : List.of(listened, direct)) {
      String reference = caseOf(result).orElseThrow().reference();
      // The mention is written when the case is complete (just after commit for a listened post).
      MentionView mention =
          org.awaitility.Awaitility.await()
              .atMost(java.time.Duration.ofSeconds(10))
              .until(
                  () ->
                      mentions
                          .latest(admin, new Mentions.Filter(null, "brand:quokka", null, null), 20)
                          .stream()
                          .filter(m -> m.inboundId() == result.inboundId())
                          .findFirst(),
                  Optional::isPresent)
              .orElseThrow();
      assertThat(mention.opensCase()).isTrue();
      assertThat(mention.caseReference()).isEqualTo(reference);
      assertThat(mentions.openCase(mention.id(), admin)).isEqualTo(reference);
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_case where brand_id = ?",
                Long.class,
                brand.id().value()))
        .isEqualTo(2);
    // The stream's page shows the link, not the button.
    var console = new io.parley.support.WebClient(port);
    console.login("admin", io.parley.support.ParleyTest.ADMIN_PASSWORD);
    String page = console.get("/listening/mentions?tag=brand:quokka").body();
    assertThat(page)
        .contains(caseOf(listened).orElseThrow().reference())
        .doesNotContain("/listening/mentions/" + mentionOf(listened) + "/case");
    // Merged into another case, the post is on that one.
    CaseView into = caseOf(direct).orElseThrow();
    cases.merge(caseOf(listened).orElseThrow().id(), into.id(), new UserId(1));
    assertThat(mentions.find(mentionOf(listened), admin).orElseThrow().caseReference())
        .isEqualTo(into.reference());
  }

  private long mentionOf(IngestResult result) {
    return jdbc.queryForObject(
        "select id from listening_mention where inbound_id = ?", Long.class, result.inboundId());
  }

  @Test
  void clicksAtOnceOnOnePostOpenOneCaseAndMakeOneContact() throws Exception {
    rule("wallabyfone", RuleAction.WATCH, "competitor:wallaby", null, null);
    String author = UUID.randomUUID().toString();
    InboundAuthor fan = new InboundAuthor("weibo", "u-" + author, "wallaby_fan", "袋鼠", null, null);
    List<Long> posts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      IngestResult r =
          ingest.receive(
              weibo,
              io.parley.support.ListenedPosts.post(
                  author + "-" + i,
                  fan,
                  "Wallabyfone screen flickering " + i,
                  InboundMessage.Source.LISTENED));
      posts.add(mentionOf(r));
    }
    CurrentUser admin =
        new CurrentUser(new UserId(1), "admin", "Admin", Role.ADMIN, Set.of(brand.id()));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<String>> opened = new ArrayList<>();
      List<java.util.concurrent.Future<Long>> contacts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        opened.add(
            pool.submit(
                () -> {
                  start.await();
                  return mentions.openCase(posts.get(0), admin);
                }));
        // The same author's other posts, made contacts at the same moment.
        long other = posts.get(1 + i % 2);
        contacts.add(
            pool.submit(
                () -> {
                  start.await();
                  return mentions.contact(other, admin).value();
                }));
      }
      start.countDown();
      Set<String> references = new java.util.HashSet<>();
      for (var f : opened) {
        references.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
      Set<Long> customers = new java.util.HashSet<>();
      for (var f : contacts) {
        customers.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(references).hasSize(1);
      assertThat(customers).hasSize(1);
      assertThat(cases.findByReference(references.iterator().next()).orElseThrow().customer())
          .isEqualTo(new io.parley.customers.CustomerId(customers.iterator().next()));
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_case where brand_id = ?",
                Long.class,
                brand.id().value()))
        .isOne();
  }

  @Test
  void theStreamAndShareOfVoiceSayWhatTheyShowAndKeepItWhenTheLanguageChanges() {
    rule("numbatphone", RuleAction.WATCH, "competitor:numbat", null, null);
    post("Numbatphone battery drains overnight", InboundMessage.Source.LISTENED);
    var console = new io.parley.support.WebClient(port).language("zh-CN");
    console.login("admin", io.parley.support.ParleyTest.ADMIN_PASSWORD);

    String stream = console.get("/listening/mentions?tag=competitor:numbat").body();
    assertThat(stream).contains("<span class=\"chip\">微博</span>").doesNotContain("暂无提及");
    // Switching language keeps the filter.
    assertThat(stream).contains("href=\"/listening/mentions?tag=competitor:numbat&amp;lang=en\"");
    // A filter nothing matches says so; it does not say there are no mentions at all.
    assertThat(console.get("/listening/mentions?tag=competitor:nobody-at-all").body())
        .contains("没有符合这些筛选条件的提及。")
        .doesNotContain("暂无提及。");

    String voice = console.get("/listening/share-of-voice?days=7").body();
    assertThat(voice)
        .contains("最近 7 天")
        .contains("href=\"/listening/share-of-voice?days=90\"")
        .contains("href=\"/listening/share-of-voice?days=7&amp;lang=en\"");
  }

  @Test
  void aSavedRuleThatNoLongerReadsIsPointedOutAndAMissingOneIsSaidToBeGone() {
    // Saved before NEAR needed its distance (or written by hand): the engine skips it.
    jdbc.update(
        "insert into listening_rule (brand_id, name, query, action, notify, active, created_at,"
            + " updated_at) values (?, 'old near rule', 'screen NEAR flicker', 'WATCH', false,"
            + " true, current_timestamp, current_timestamp)",
        brand.id().value());
    var console = new io.parley.support.WebClient(port);
    console.login("admin", io.parley.support.ParleyTest.ADMIN_PASSWORD);
    String page = console.get("/admin/listening").body();
    String row = page.substring(page.indexOf("old near rule"));
    assertThat(row.substring(0, row.indexOf("</tr>"))).contains("data-testid=\"rule-unreadable\"");
    // A rule that reads has no such line.
    rule("quolla", RuleAction.WATCH, null, null, null);
    String fine = console.get("/admin/listening").body();
    fine = fine.substring(fine.indexOf("rule quolla"));
    assertThat(fine.substring(0, fine.indexOf("</tr>"))).doesNotContain("rule-unreadable");
    assertThat(page).contains("This rule matches nothing");
    // A rule that is not there is said to be gone; the form is a new rule's, not an empty edit.
    var gone = console.get("/admin/listening?edit=987654321");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).contains("That rule no longer exists.").contains("New rule");
  }

  @Test
  void aMentionBecomesACaseAndItsAuthorAContactInOneClick() {
    rule("zephyr", RuleAction.WATCH, "competitor:zephyr", null, null);
    post("Zephyr earbuds broke after a week", InboundMessage.Source.LISTENED);
    CurrentUser admin =
        new CurrentUser(new UserId(1), "admin", "Admin", Role.ADMIN, Set.of(brand.id()));
    MentionView mention =
        mentions
            .latest(admin, new Mentions.Filter(null, "competitor:zephyr", null, null), 5)
            .stream()
            .filter(m -> m.brandId() == brand.id().value())
            .findFirst()
            .orElseThrow();

    String reference = mentions.openCase(mention.id(), admin);
    var customer = mentions.contact(mention.id(), admin);

    CaseView opened = cases.findByReference(reference).orElseThrow();
    assertThat(opened.tags()).contains("competitor:zephyr");
    assertThat(opened.customer()).isEqualTo(customer);
    assertThat(mentions.openCase(mention.id(), admin)).isEqualTo(reference);
  }

  @Test
  void rulesReloadWhileOtherThreadsMatchWithoutMissingAPost() throws Exception {
    rule("stable", RuleAction.WATCH, null, null, null);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger matched = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    InboundMessage message =
        new InboundMessage(
            "x",
            null,
            List.of(),
            null,
            null,
            "a stable post",
            null,
            List.of(),
            true,
            null,
            Map.of());
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    Classification c = classifier.classify(weibo, brand.id(), "weibo", message);
                    if (!c.matched()) {
                      failures.add(new AssertionError("a post was not matched during a reload"));
                    }
                    matched.incrementAndGet();
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (int i = 0; i < 10; i++) {
      rule("other" + i + " OR 其他" + i, RuleAction.WATCH, null, null, null);
    }
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
    assertThat(matched.get()).isPositive();
  }

  @Test
  void aRuleCannotSendCasesToAnotherBrandsQueue() {
    String code = "lo" + UUID.randomUUID().toString().substring(0, 6);
    BrandSummary other = brands.register(code, "Other " + code, code.toUpperCase());
    long theirs = routing.create(other.id(), "Their VIPs " + code, false, false, List.of()).id();
    WebClient web = new WebClient(port);
    web.login("admin", ParleyTest.ADMIN_PASSWORD);
    web.get("/admin/listening");
    Map<String, String> rule =
        new java.util.HashMap<>(
            Map.of(
                "brandId",
                String.valueOf(brand.id().value()),
                "name",
                "vip " + code,
                "query",
                "acme",
                "action",
                "OPEN_CASE",
                "queueId",
                String.valueOf(theirs),
                "active",
                "true"));

    var refused = web.post("/admin/listening", rule);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("Their VIPs " + code + " belongs to another brand");
    assertThat(rules.all()).noneMatch(r -> r.getName().equals("vip " + code));
    assertThat(web.language("zh-CN").post("/admin/listening?lang=zh-CN", rule).body())
        .contains("属于其他品牌");

    rule.put("queueId", String.valueOf(escalations));
    assertThat(web.post("/admin/listening", rule).statusCode()).isEqualTo(302);
  }

  @Test
  void adminSeesWhereAQueryIsWrongAndPreviewsWhatARuleWouldHaveMatched() {
    post("The screen keeps flickering since the update", InboundMessage.Source.LISTENED);
    WebClient web = new WebClient(port);
    web.login("admin", ParleyTest.ADMIN_PASSWORD);
    web.get("/admin/listening");

    var bad =
        web.post(
            "/admin/listening",
            Map.of(
                "brandId", String.valueOf(brand.id().value()),
                "name", "broken",
                "query", "(screen OR display",
                "action", "WATCH"));
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("never closed").contains("position 1");

    var preview =
        web.post(
            "/admin/listening/preview",
            Map.of(
                "brandId", String.valueOf(brand.id().value()),
                "query", "NEAR/3(screen, flickering)",
                "posts", "200"));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body()).contains("Would have matched 1 of the last").contains("flickering");

    var good =
        web.post(
            "/admin/listening",
            Map.of(
                "brandId", String.valueOf(brand.id().value()),
                "name", "flicker",
                "query", "NEAR/3(screen, flickering)",
                "action", "WATCH",
                "active", "true"));
    assertThat(good.statusCode()).isEqualTo(302);
    assertThat(web.browse("/admin/listening").body()).contains("NEAR/3(screen, flickering)");
    assertThat(web.language("zh-CN").browse("/listening/mentions").statusCode()).isEqualTo(200);
    assertThat(web.browse("/listening/share-of-voice").body()).contains("声量份额");
    assertThat(web.get("/listening/share-of-voice.json").body()).contains("\"days\"");
  }
}
