package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversations.CaseView;
import io.parley.identity.BrandSummary;
import io.parley.identity.UserId;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@ParleyTest
class SupervisorViewTests {

  @Autowired ApplicationContext context;
  @LocalServerPort int port;
  RoutingFixture fx;

  @BeforeEach
  void setUp() {
    fx = new RoutingFixture(context);
  }

  @Test
  void supervisorsSeeQueuesWithTheirBacklogAndAgentsWithPresenceAndLoadInBothLanguages() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.onlineAgent(brand);
    fx.routing.setCapacities(agent, Map.of("email", 1));
    fx.routing.create(brand.id(), "Board queue", true, true, List.of(agent));
    fx.awaitAssigned(fx.open(brand, "email").id());
    CaseView waiting = fx.open(brand, "email");
    String name = fx.users.find(agent).orElseThrow().displayName();

    WebClient web = new WebClient(port);
    web.login("zhou.min", ParleyTest.DEMO_PASSWORD);
    String page = web.get("/supervisor").body();

    assertThat(page).contains("Queues and agents", "Board queue", name, "data-board");
    assertThat(page).contains(waiting.reference()); // next up in its queue
    assertThat(page).containsPattern("class=\"num[^\"]*full\"[^>]*>1 / 1<");
    assertThat(web.get("/supervisor/board").body()).contains("Board queue").doesNotContain("<html");
    assertThat(web.language("zh-CN").get("/supervisor?lang=zh-CN").body())
        .contains("队列与坐席", "最长等待");
  }

  @Test
  void anAgentsCasesOnTheBoardAreSeparateLinksThatWrapAndALongListIsCounted() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.onlineAgent(brand);
    fx.routing.create(brand.id(), "Busy board", false, true, List.of(agent));
    List<CaseView> held = new java.util.ArrayList<>();
    for (int i = 0; i < 14; i++) {
      CaseView aCase = fx.open(brand, "email");
      fx.cases.update(
          aCase.id(),
          new io.parley.conversations.CaseUpdate(null, null, null, agent, false, null),
          null,
          null);
      held.add(aCase);
    }
    WebClient web = new WebClient(port);
    web.login("zhou.min", ParleyTest.DEMO_PASSWORD);

    String page = web.get("/supervisor").body();
    String row = page.substring(page.indexOf("data-agent=\"" + agent.value() + "\""));
    row = row.substring(0, row.indexOf("</tr>"));

    // In a container that wraps, with a space between links so the line can break.
    assertThat(row).contains("<span class=\"refs\">").containsPattern("</a>\\s+<a ");
    assertThat(row).contains(held.get(0).reference(), held.get(9).reference());
    assertThat(row).doesNotContain(">" + held.get(10).reference() + "<").contains("+ 4 more");
    assertThat(web.get("/supervisor?lang=zh-CN").body()).contains("另有 4 个工单");
  }

  @Test
  void theBoardNamesEachChannelInTheSupervisorsLanguage() {
    WebClient web = new WebClient(port).language("zh-CN");
    web.login("zhou.min", ParleyTest.DEMO_PASSWORD);

    String board = web.get("/supervisor?lang=zh-CN").body();

    // Demo agents have capacities for email and web chat: the columns say so, not "webchat".
    assertThat(board).contains("<th scope=\"col\">邮件</th>", "<th scope=\"col\">网页聊天</th>");
    assertThat(board).doesNotContain("<th scope=\"col\">webchat</th>");
  }

  @Test
  void agentsMayNotOpenTheSupervisorView() {
    WebClient web = new WebClient(port);
    web.login("sam.taylor", ParleyTest.DEMO_PASSWORD);

    assertThat(web.get("/supervisor").statusCode()).isEqualTo(403);
    assertThat(
            web.post("/supervisor/reassign", Map.of("reference", "X-1", "agentId", "1"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void aSupervisorReassignsWithinCapacityAndIsToldWhenTheAgentIsFullOrOffline() {
    BrandSummary brand = fx.brand();
    UserId ann = fx.onlineAgent(brand);
    UserId bob = fx.onlineAgent(brand);
    UserId gone = fx.agent(brand);
    fx.routing.setCapacities(bob, Map.of("email", 1));
    fx.routing.create(brand.id(), "Manual board", false, true, List.of(ann, bob, gone));
    CaseView first = fx.open(brand, "email");
    CaseView second = fx.open(brand, "email");
    WebClient web = new WebClient(port);
    web.login("zhou.min", ParleyTest.DEMO_PASSWORD);
    web.get("/supervisor");

    web.post(
        "/supervisor/reassign",
        Map.of("reference", first.reference(), "agentId", String.valueOf(bob.value())));
    assertThat(fx.assigneeOf(first.id())).isEqualTo(bob);
    assertThat(web.get("/supervisor").body()).contains("Case reassigned.");

    web.post(
        "/supervisor/reassign",
        Map.of("reference", second.reference(), "agentId", String.valueOf(bob.value())));
    assertThat(fx.assigneeOf(second.id())).isNull();
    assertThat(web.get("/supervisor").body()).contains("no free slot");

    web.post(
        "/supervisor/reassign",
        Map.of("reference", second.reference(), "agentId", String.valueOf(gone.value())));
    assertThat(web.get("/supervisor").body()).contains("That agent is offline.");

    web.post(
        "/supervisor/reassign",
        Map.of("reference", first.reference(), "agentId", String.valueOf(ann.value())));
    assertThat(fx.assigneeOf(first.id())).isEqualTo(ann);
  }

  @Test
  void aRefusedReassignmentShowsItsReasonBesideTheFormAsFilledIn() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.onlineAgent(brand);
    fx.routing.create(brand.id(), "Refusing board", false, true, List.of(agent));
    WebClient web = new WebClient(port);
    web.login("zhou.min", ParleyTest.DEMO_PASSWORD);
    web.get("/supervisor");

    web.post(
        "/supervisor/reassign",
        Map.of("reference", "nope-404", "agentId", String.valueOf(agent.value())));
    String page = web.get("/supervisor").body();

    String form = page.substring(page.indexOf("action=\"/supervisor/reassign\""));
    assertThat(form)
        .contains("id=\"reassign-error\"", "There is no case with that number.")
        .contains("value=\"nope-404\"")
        .containsPattern("value=\"" + agent.value() + "\" selected");
  }

  @Test
  void adminsEditSkillsAndCapacitiesAndBadInputIsRefusedWithAMessage() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.agent(brand);
    WebClient web = new WebClient(port);
    web.login("admin", ParleyTest.ADMIN_PASSWORD);
    assertThat(web.get("/admin/routing").body()).contains("Skills and capacity");

    web.post(
        "/admin/routing/agents/" + agent.value(),
        Map.of("skills-" + brand.id().value(), "zh:5, Billing", "capacity", "webchat=2"));
    assertThat(fx.routing.skillsOf(agent))
        .containsExactly(
            new AgentSkill(brand.id(), "billing", null), new AgentSkill(brand.id(), "zh", 5));
    assertThat(web.get("/admin/routing").body()).contains("Saved.", "zh:5", "webchat=2");

    web.post(
        "/admin/routing/agents/" + agent.value(),
        Map.of("skills-" + brand.id().value(), "zh", "capacity", "webchat=lots"));
    assertThat(web.get("/admin/routing").body()).contains("channel=number");
    assertThat(fx.routing.skillsOf(agent)).hasSize(2); // nothing changed

    web.post("/admin/routing/brands/" + brand.id().value(), Map.of("capacity", "phone=1, email=8"));
    assertThat(web.get("/admin/routing").body()).contains("email=8, phone=1");
  }

  @Test
  void adminsSetAQueuesPolicyOverflowAndHandBackAndAnInvalidOverflowIsRefused() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.agent(brand);
    var main = fx.routing.create(brand.id(), "Admin main", true, true, List.of(agent));
    var backup = fx.routing.create(brand.id(), "Admin backup", false, false, List.of());
    WebClient web = new WebClient(port);
    web.login("admin", ParleyTest.ADMIN_PASSWORD);
    assertThat(web.get("/admin/queues").body()).contains("Least loaded", "Longest idle");

    web.post(
        "/admin/queues/" + main.id(),
        Map.of(
            "autoAssign", "true",
            "isDefault", "true",
            "members", String.valueOf(agent.value()),
            "policy", "LONGEST_IDLE",
            "overflowQueueId", String.valueOf(backup.id()),
            "overflowMinutes", "15",
            "handback", "ALL_OPEN"));
    QueueSummary saved =
        fx.routing.all().stream().filter(q -> q.id() == main.id()).findFirst().orElseThrow();
    assertThat(saved.policy()).isEqualTo(AssignmentPolicy.LONGEST_IDLE);
    assertThat(saved.overflowQueueId()).isEqualTo(backup.id());
    assertThat(saved.overflowAfter()).isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(saved.handback()).isEqualTo(Handback.ALL_OPEN);
    assertThat(saved.members()).containsExactly(agent);
    assertThat(web.get("/admin/queues").body()).contains("Queue saved.");

    web.post(
        "/admin/queues/" + main.id(),
        Map.of(
            "autoAssign",
            "true",
            "policy",
            "ROUND_ROBIN",
            "overflowQueueId",
            String.valueOf(main.id()),
            "overflowMinutes",
            "5"));
    assertThat(web.get("/admin/queues").body()).contains("Overflow needs another queue");
    assertThat(
            fx.routing.all().stream()
                .filter(q -> q.id() == main.id())
                .findFirst()
                .orElseThrow()
                .policy())
        .isEqualTo(AssignmentPolicy.LONGEST_IDLE);
  }
}
