package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.WebClient;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The zero-setup default: an H2 file database, demo data on because nothing else is configured.
 * Walks the core flow so the embedded default keeps working while the suite runs on PostgreSQL.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "parley.test.database=h2",
      "spring.datasource.url=jdbc:h2:file:./target/h2-smoke-${random.uuid}/parley;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
      "parley.identity.admin-password=smoke-admin-password",
      "parley.identity.bcrypt-strength=4",
      "parley.search.index-dir=target/search-index/${random.uuid}",
      // The demo's live replay would add cases while the counts below are checked.
      "parley.demo.replay=false",
      "parley.channels.ignored-flush=1s"
    })
class H2SmokeTests {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired io.parley.entitlements.internal.SlaClockRepository slaClocks;
  @Autowired io.parley.entitlements.internal.SlaSweep slaSweep;
  @Autowired org.springframework.transaction.PlatformTransactionManager transactions;
  @Autowired io.parley.customers.Customers customers;
  @Autowired io.parley.customers.IdentityResolution resolution;
  @Autowired io.parley.compliance.internal.AuditLog auditLog;

  @Autowired SignInsWhenTheServerStarts signInsWhenTheServerStarts;

  /**
   * The first requests reach the server the moment it listens: the demo users (and the admin) are
   * there by then, not created seconds later while sign-ins fail (and five failures lock a user).
   */
  @Test
  void demoUsersCanSignInAsSoonAsTheServerTakesRequests() {
    assertThat(signInsWhenTheServerStarts.redirects)
        .containsEntry("li.na", "/")
        .containsEntry("zhou.min", "/")
        .containsEntry("admin", "/");
  }

  /** Signs in, from the listener of the server's start, before the application run goes on. */
  @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
  static class SignInsWhenTheServerStarts {

    final Map<String, String> redirects = new java.util.concurrent.ConcurrentHashMap<>();

    @org.springframework.context.event.EventListener
    void signIn(org.springframework.boot.web.server.context.WebServerInitializedEvent started) {
      var passwords =
          Map.of(
              "li.na", "parley-demo-2026",
              "zhou.min", "parley-demo-2026",
              "admin", "smoke-admin-password");
      passwords.forEach(
          (user, password) ->
              redirects.put(
                  user,
                  java.net
                      .URI
                      .create(new WebClient(started.getWebServer().getPort()).login(user, password))
                      .getPath()));
    }
  }

  @Test
  void embeddedDefaultServesTheConsoleWithDemoDataAndTheCoreFlowWorks() throws Exception {
    try (var connection = jdbc.getDataSource().getConnection()) {
      assertThat(connection.getMetaData().getURL()).startsWith("jdbc:h2:file:");
    }
    assertThat(jdbc.queryForObject("select count(*) from conversations_case", Long.class))
        .isEqualTo(200);
    // The demo listens too: its replayed posts about competitors are watched, churn opens cases.
    assertThat(jdbc.queryForList("select name from listening_rule", String.class))
        .contains("Leaving for a competitor / 换到竞品", "Orion", "Zenith", "NovaPhone", "Acme");

    var admin = new WebClient(port);
    assertThat(admin.login("admin", "smoke-admin-password")).endsWith("/");
    assertThat(admin.get("/admin/users").body()).contains("li.na").contains("fixit.partner");

    var agent = new WebClient(port);
    assertThat(agent.login("li.na", "parley-demo-2026")).endsWith("/");
    assertThat(agent.get("/").body()).contains("李娜");
    String list = agent.get("/cases?view=unassigned").body();
    var ref = Pattern.compile("/cases/((ACME|HOME)-\\d+)").matcher(list);
    assertThat(ref.find()).isTrue();
    String reference = ref.group(1);

    agent.get("/cases/" + reference);
    agent.post("/cases/" + reference + "/take", Map.of());
    assertThat(agent.get("/cases/" + reference).body()).contains("李娜");
    assertThat(agent.get("/customers?q=%E7%8E%8B%E5%86%9B").body()).contains("王军");
    assertThat(agent.get("/customers?q=wang+jun").body()).as("in pinyin").contains("王军");
    assertThat(agent.get("/customers?q=Jun+Wang").body()).as("given name first").contains("王军");
    // LIKE ... ESCAPE works on H2 too: a % in a search or filter is no wildcard.
    assertThat(customers.search("%", 0, 100).total()).isZero();
    assertThat(auditLog.recent("case%", null, null, 0, 10)).isEmpty();
    assertThat(auditLog.recent("case.", null, null, 0, 10)).isNotEmpty();
    // The candidate lookups (stored keys, pinyin included) run on H2 too.
    var poster =
        customers.resolveContact(
            new io.parley.customers.Contact("weibo", "w-smoke", "wangjun1988", null, null, null));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                resolution.candidates(poster).stream()
                    .anyMatch(m -> m.reasons().contains("match.handlePinyin")));

    agent.get("/account");
    agent.post("/account/tokens", Map.of("name", "smoke"));
    var token =
        Pattern.compile("data-testid=\"new-token\">(plt_[A-Za-z0-9_-]+)<")
            .matcher(agent.get("/account").body());
    assertThat(token.find()).isTrue();
    var found = agent.api("GET", "/api/v1/customers?q=wang", token.group(1), null);
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).contains("\"total\"");

    assertThat(agent.api("GET", "/actuator/health/readiness", null, null).body()).contains("UP");

    // SLA clocks, the at-risk page and the sweep's SKIP LOCKED row lock work on H2 too.
    Long clockId = jdbc.queryForObject("select min(id) from entitlements_sla_clock", Long.class);
    assertThat(clockId).isNotNull();
    Boolean locked =
        new org.springframework.transaction.support.TransactionTemplate(transactions)
            .execute(s -> slaClocks.lockUnlessTaken(clockId).isPresent());
    assertThat(locked).isTrue();
    slaSweep.sweep();
    assertThat(agent.get("/sla").body()).contains("data-testid=\"at-risk\"");
    assertThat(agent.get("/sla/cases/" + reference).body()).contains("data-metric=");
  }

  @Autowired io.parley.channels.ChannelAccounts accounts;
  @Autowired io.parley.channels.Ingest ingest;
  @Autowired io.parley.identity.Brands brands;

  /**
   * A stream's burst goes through the batch path on H2 too: one batch of inserts per kind (with the
   * generated ids of the audit entries), a savepoint for each new customer's audit key, and the
   * matched posts become cases while the others are ignored.
   */
  @Test
  void aBurstOfListenedPostsBecomesCasesOnTheEmbeddedDatabase() throws Exception {
    var brand =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    var admin = new WebClient(port);
    assertThat(admin.login("admin", "smoke-admin-password")).endsWith("/");
    admin.get("/admin/listening");
    var saved =
        admin.post(
            "/admin/listening",
            Map.of(
                "brandId", String.valueOf(brand.id().value()),
                "name", "H2 burst",
                "query", "无法连接 OR \"screen flickering\"",
                "action", "OPEN_CASE",
                "priority", "HIGH",
                "tags", "product:x12",
                "active", "true"));
    assertThat(saved.statusCode()).isIn(200, 302);
    var account = accounts.register(brand.id(), "weibo", "H2 burst", "@h2burst").id();
    java.util.List<io.parley.channels.InboundMessage> burst = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String text =
          i % 3 == 2 ? "天气不错 " + i : i % 2 == 0 ? "蓝牙无法连接 " + i : "screen flickering " + i;
      burst.add(
          io.parley.support.ListenedPosts.post(
              "h2-burst-" + i,
              new io.parley.channels.InboundAuthor(
                  "weibo", "h2-fan-" + (i % 4), "h2fan" + (i % 4), "粉丝" + (i % 4), null, null),
              text));
    }

    var results = ingest.receiveAll(account, burst);

    assertThat(results)
        .extracting(io.parley.channels.IngestResult::outcome)
        .containsOnly(
            io.parley.channels.IngestResult.Outcome.ACCEPTED,
            io.parley.channels.IngestResult.Outcome.IGNORED);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_case where channel_account_id = ? and priority"
                    + " = 'HIGH'",
                Long.class,
                account.value()))
        .isEqualTo(8);
    assertThat(
            jdbc.queryForObject(
                "select count(distinct number) from conversations_case where channel_account_id ="
                    + " ?",
                Long.class,
                account.value()))
        .as("the page's case numbers, taken in one query, are all different")
        .isEqualTo(8);
    // The cases were captured; their completion (customers, audit) follows the commit, here too.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForObject(
                    "select count(*) from channels_captured where account_id = ?",
                    Long.class,
                    account.value()),
            n -> n == 0);
    assertThat(
            jdbc.queryForObject(
                "select count(distinct customer_id) from conversations_case where"
                    + " channel_account_id = ?",
                Long.class,
                account.value()))
        .as("one customer per author")
        .isEqualTo(4);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from compliance_audit_entry where action = 'message.in' and"
                    + " subject_id in (select cast(id as varchar) from channels_inbound where"
                    + " account_id = ?)",
                Long.class,
                account.value()))
        .isEqualTo(8);
    // The four posts no rule matched are counted, and the count reaches its row within a flush.
    assertThat(accounts.health(account).inboundIgnored()).isEqualTo(4);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                    "select coalesce(sum(posts), 0) from channels_ignored_day where account_id = ?",
                    Long.class,
                    account.value()),
            n -> n == 4);
    assertThat(accounts.health(account).inboundIgnored()).isEqualTo(4);
  }
}
