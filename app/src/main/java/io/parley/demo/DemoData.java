package io.parley.demo;

import io.parley.channels.ChannelAccountSummary;
import io.parley.channels.ChannelAccounts;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.MessageKind;
import io.parley.conversations.NewCase;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.PostalAddress;
import io.parley.customers.Tier;
import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.NewUser;
import io.parley.identity.Role;
import io.parley.identity.UserSummary;
import io.parley.identity.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the demo company once, on an empty database. Everything is generated from a fixed seed,
 * so every newcomer sees the same Acme. Runs before the embedded web server opens its port, so the
 * first sign-in finds the demo users (a sign-in refused while they were still being created counted
 * towards locking the user out); the replay accounts start streaming once the application runs.
 */
@Component
class DemoData extends io.parley.shared.BeforeWebServer {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final DemoProperties properties;
  private final DataSource dataSource;
  private final Brands brands;
  private final Users users;
  private final Customers customers;
  private final ChannelAccounts channels;
  private final Cases cases;
  private final io.parley.routing.Routing routing;
  private final io.parley.conversations.CannedResponses canned;
  private final TransactionTemplate transaction;
  private final io.parley.entitlements.Entitlements entitlements;
  private final io.parley.listening.ListeningRules listening;

  DemoData(
      DemoProperties properties,
      DataSource dataSource,
      Brands brands,
      Users users,
      Customers customers,
      ChannelAccounts channels,
      Cases cases,
      io.parley.routing.Routing routing,
      io.parley.conversations.CannedResponses canned,
      TransactionTemplate transaction,
      io.parley.entitlements.Entitlements entitlements,
      io.parley.listening.ListeningRules listening) {
    super(DEMO);
    this.entitlements = entitlements;
    this.listening = listening;
    this.properties = properties;
    this.dataSource = dataSource;
    this.brands = brands;
    this.users = users;
    this.customers = customers;
    this.channels = channels;
    this.cases = cases;
    this.routing = routing;
    this.canned = canned;
    this.transaction = transaction;
  }

  @Override
  protected void run() {
    if (enabled() && !brands.any()) {
      createAndTell();
    }
  }

  private void createAndTell() {
    long started = System.nanoTime();
    transaction.executeWithoutResult(s -> create());
    log.info(
        "Demo data created in {} ms: brands Acme Mobile and Acme Home, users {}, {} customers,"
            + " {} cases. Demo users sign in with password '{}'.",
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        DemoCatalog.USERNAMES,
        properties.customers(),
        properties.cases(),
        properties.password());
  }

  boolean enabled() {
    String setting = properties.enabled().trim().toLowerCase();
    if (setting.equals("true")) {
      return true;
    }
    if (!setting.equals("auto")) {
      return false;
    }
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getURL().startsWith("jdbc:h2:");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot tell whether the database is the embedded one", e);
    }
  }

  private void create() {
    Random random = new Random(20261123L);
    BrandSummary mobile = brands.register("acme-mobile", "Acme Mobile", "ACME");
    BrandSummary home = brands.register("acme-home", "Acme Home", "HOME");
    Set<BrandId> both = Set.of(mobile.id(), home.id());
    String pw = properties.password();
    users.register(
        new NewUser("zhou.min", "周敏", "zhou.min@acme.example", Role.SUPERVISOR, pw, "^ZM", both));
    UserSummary lina =
        users.register(
            new NewUser("li.na", "李娜", "li.na@acme.example", Role.AGENT, pw, "^LN", both));
    UserSummary sam =
        users.register(
            new NewUser(
                "sam.taylor",
                "Sam Taylor",
                "sam.taylor@acme.example",
                Role.AGENT,
                pw,
                "^ST",
                Set.of(mobile.id())));
    users.register(
        new NewUser(
            "fixit.partner",
            "FixIt Service Center",
            "desk@fixit.example",
            Role.PARTNER,
            pw,
            null,
            Set.of(mobile.id())));
    users.register(
        new NewUser("wang.jun", "王军", "wangjun.88@example.cn", Role.CUSTOMER, pw, null, Set.of()));
    List<UserSummary> agents = List.of(lina, sam);
    UserSummary zhou = users.findByUsername("zhou.min").orElseThrow();
    routing.create(
        mobile.id(), "Acme Mobile support", false, true, List.of(lina.id(), sam.id(), zhou.id()));
    routing.create(home.id(), "Acme Home support", false, true, List.of(lina.id(), zhou.id()));
    // Acme Mobile works office hours in Shanghai (its SLAs skip nights, weekends, National Day);
    // Acme Home has no hours set, so its SLAs count around the clock.
    var office = List.of("09:00-18:00");
    entitlements.defineBusinessHours(
        mobile.id(),
        java.time.ZoneId.of("Asia/Shanghai"),
        java.util.Map.of(
            java.time.DayOfWeek.MONDAY,
            office,
            java.time.DayOfWeek.TUESDAY,
            office,
            java.time.DayOfWeek.WEDNESDAY,
            office,
            java.time.DayOfWeek.THURSDAY,
            office,
            java.time.DayOfWeek.FRIDAY,
            office));
    entitlements.addHoliday(mobile.id(), java.time.LocalDate.of(2026, 10, 1), "国庆节 National Day");
    canned.define(
        "Greeting / 问候",
        "Hi {{customer.name}}, thanks for reaching out about {{case.reference}}. ",
        null);
    canned.define(
        "Solved, thanks / 已解决",
        "Hi {{customer.name}}, glad we could help. If anything else comes up, just reply here."
            + " {{agent.name}}",
        CaseStatus.SOLVED);
    canned.define(
        "蓝牙重新配对",
        "{{customer.name}}您好，请在 设置 → 蓝牙 中忽略该设备后重新配对，并确认系统已更新到最新版本。" + "如仍有问题请直接回复。",
        CaseStatus.PENDING_CUSTOMER);

    Map<BrandId, List<ChannelAccountSummary>> accounts =
        Map.of(
            mobile.id(), channelsOf(mobile, "acme-mobile", "Acme手机", "AcmeMobile"),
            home.id(), channelsOf(home, "acme-home", "Acme家居", "AcmeHome"));
    // What listening does with the replayed posts: competitors and the brand are watched (share of
    // voice), a customer leaving for a competitor opens a case.
    listening.define(
        mobile.id(),
        "Leaving for a competitor / 换到竞品",
        "(换到 OR switching OR switched) AND (orion OR zenith OR novaphone)",
        true,
        "HIGH",
        "churn-risk");
    listening.define(
        mobile.id(), "Orion", "\"orion p3\" OR orion", false, null, "competitor:orion");
    listening.define(
        mobile.id(), "Zenith", "\"zenith z5\" OR zenith", false, null, "competitor:zenith");
    listening.define(mobile.id(), "NovaPhone", "novaphone", false, null, "competitor:novaphone");
    listening.define(mobile.id(), "Acme", "acme OR x12 OR \"buds 2\"", false, null, "brand:acme");
    replayOf(mobile, "acme-mobile", "classpath:replay/demo-social.jsonl.gz");
    replayOf(home, "acme-home", "classpath:replay/demo-social-home.jsonl.gz");

    List<CustomerId> customerIds = new ArrayList<>();
    List<String> languages = new ArrayList<>();
    for (int i = 0; i < properties.customers(); i++) {
      DemoCatalog.Person person = DemoCatalog.person(i, random);
      customerIds.add(
          customers.register(
              new NewCustomer(
                  person.name(),
                  person.language(),
                  i % 11 == 0 ? Tier.VIP : i % 4 == 0 ? Tier.GOLD : Tier.STANDARD,
                  List.of(person.email()),
                  List.of(person.phone()),
                  List.of(
                      new PostalAddress(
                          person.street(),
                          null,
                          person.city(),
                          null,
                          person.postalCode(),
                          person.country())),
                  person.identities(),
                  null)));
      languages.add(person.language());
    }

    Instant now = Instant.now();
    for (int i = 0; i < properties.cases(); i++) {
      int who = random.nextInt(customerIds.size());
      boolean chinese = languages.get(who).startsWith("zh");
      BrandSummary brand = random.nextInt(3) == 0 ? home : mobile;
      List<ChannelAccountSummary> brandChannels = accounts.get(brand.id());
      ChannelAccountSummary channel = brandChannels.get(random.nextInt(brandChannels.size()));
      DemoCatalog.Topic topic = DemoCatalog.topic(brand == home, chinese, random);
      Instant opened = now.minus(Duration.ofMinutes(30 + random.nextInt(60 * 24 * 30)));
      CaseView aCase =
          cases.open(
              new NewCase(
                  brand.id(),
                  topic.subject(),
                  Priority.values()[Math.min(3, random.nextInt(10) / 3)],
                  customerIds.get(who),
                  channel.id(),
                  channel.type(),
                  topic.message(),
                  opened));
      conversationFor(aCase.id(), customerIds.get(who), topic, agents, brand, opened, random);
    }
  }

  private void conversationFor(
      CaseId id,
      CustomerId customer,
      DemoCatalog.Topic topic,
      List<UserSummary> agents,
      BrandSummary brand,
      Instant opened,
      Random random) {
    int stage = random.nextInt(10);
    if (stage < 3) {
      return; // new and unassigned
    }
    UserSummary agent = agents.get(random.nextInt(agents.size()));
    if (brand.code().equals("acme-home") && agent.username().equals("sam.taylor")) {
      agent = agents.get(0); // Sam works for Acme Mobile only
    }
    cases.assign(id, agent.id());
    Instant at = opened.plus(Duration.ofMinutes(5 + random.nextInt(90)));
    if (stage >= 4) {
      cases.addMessage(id, MessageKind.OUTBOUND, null, agent.id(), topic.reply(), at);
    }
    if (stage >= 6) {
      cases.addMessage(id, MessageKind.NOTE, null, agent.id(), topic.note(), at.plusSeconds(60));
    }
    if (stage == 4) {
      cases.changeStatus(id, CaseStatus.PENDING_CUSTOMER, at.plusSeconds(90));
    } else if (stage >= 7) {
      cases.addMessage(
          id, MessageKind.INBOUND, customer, null, topic.followUp(), at.plusSeconds(3600));
      if (stage >= 8) {
        cases.changeStatus(id, CaseStatus.SOLVED, at.plusSeconds(7200));
      }
    }
  }

  /**
   * A replay account streaming the brand's generated social posts slowly (one every five seconds,
   * in a loop), so the demo is alive. On only where the demo replay is wanted ({@code
   * parley.demo.replay}: {@code auto} is the embedded H2 database only, so the test suite, on
   * PostgreSQL, gets the account switched off and its case counts stay still).
   */
  private void replayOf(BrandSummary brand, String slug, String archive) {
    ChannelAccountSummary replay =
        channels.connect(
            brand.id(),
            "replay",
            brand.name() + " social stream (demo)",
            "replay:demo-" + slug,
            Map.of(
                "replayArchive", archive,
                "replayPostsPerMinute", String.valueOf(properties.replayPostsPerMinute()),
                "replayMode", "loop",
                "replayStartOffset", "0",
                "replayTimestamps", "now",
                "replayAcceptReplies", "true",
                "pollSeconds", "1"));
    if (!replayWanted()) {
      channels.activate(replay.id(), false);
    }
  }

  private boolean replayWanted() {
    String setting = properties.replay().trim().toLowerCase();
    if (!setting.equals("auto")) {
      return setting.equals("true");
    }
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getURL().startsWith("jdbc:h2:");
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  private List<ChannelAccountSummary> channelsOf(
      BrandSummary brand, String slug, String weiboName, String xName) {
    return List.of(
        channels.register(
            brand.id(), "email", brand.name() + " Support", "support@" + slug + ".example"),
        channels.register(brand.id(), "weibo", "@" + weiboName, "weibo:" + slug),
        channels.register(brand.id(), "wechat", brand.name() + " 服务号", "wechat:" + slug),
        channels.register(brand.id(), "x", "@" + xName + "Help", "x:" + slug),
        channels.register(brand.id(), "webchat", brand.name() + " web chat", "webchat:" + slug),
        channels.register(brand.id(), "phone", brand.name() + " hotline", "tel:" + slug));
  }
}
