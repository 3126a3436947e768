package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The routing admin pages save a form whole or not at all, and say why not. */
@ParleyTest
class RoutingAdminFormTests {

  @Autowired ApplicationContext context;
  @LocalServerPort int port;
  RoutingFixture fx;
  WebClient web;

  @BeforeEach
  void setUp() {
    fx = new RoutingFixture(context);
    web = new WebClient(port);
    web.login("admin", ParleyTest.ADMIN_PASSWORD);
    web.get("/admin/routing"); // the form token after signing in
  }

  @Test
  void aRefusedCapacityLeavesTheSkillsAsTheyWereAndTheRowShowsWhatWasTypedWithTheError() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.agent(brand);
    fx.routing.setSkills(agent, List.of(new AgentSkill(brand.id(), "en", 3)));
    fx.routing.setCapacities(agent, Map.of("email", 4));
    String skillsField = "skills-" + brand.id().value();

    String page =
        submit(
            "/admin/routing/agents/" + agent.value(),
            Map.of(skillsField, "zh:5, billing", "capacity", "email=5000"));

    assertThat(fx.routing.skillsOf(agent)).containsExactly(new AgentSkill(brand.id(), "en", 3));
    assertThat(page)
        .contains("id=\"agent-error-" + agent.value() + "\"", "Write capacities as")
        .contains("value=\"zh:5, billing\"", "value=\"email=5000\"")
        .doesNotContain("Saved.");

    submit(
        "/admin/routing/agents/" + agent.value(),
        Map.of(skillsField, "", "capacity", "email=5000"));

    assertThat(fx.routing.skillsOf(agent)).containsExactly(new AgentSkill(brand.id(), "en", 3));
    assertThat(capacities(agent)).containsExactly("email=4");
    // Once shown, the page is back to what is saved.
    assertThat(web.get("/admin/routing").body())
        .contains("value=\"en:3\"", "value=\"email=4\"")
        .doesNotContain("value=\"email=5000\"");
  }

  @Test
  void aRefusedSkillLeavesTheCapacitiesAsTheyWere() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.agent(brand);
    fx.routing.setCapacities(agent, Map.of("email", 4));

    assertThat(
            submit(
                "/admin/routing/agents/" + agent.value(),
                Map.of("skills-" + brand.id().value(), "zh:9", "capacity", "email=2")))
        .contains("Skill levels go from 1 to 5.");
    assertThat(web.get("/admin/routing").body()).contains("value=\"email=4\"");
    assertThat(capacities(agent)).containsExactly("email=4");
    assertThat(fx.routing.skillsOf(agent)).isEmpty();
  }

  @Test
  void aRefusedBrandCapacityKeepsWhatWasTypedBesideTheError() {
    BrandSummary brand = fx.brand();
    submit("/admin/routing/brands/" + brand.id().value(), Map.of("capacity", "email=7"));

    String page =
        submit("/admin/routing/brands/" + brand.id().value(), Map.of("capacity", "email=many"));

    assertThat(page).contains("id=\"cap-brand-error\"", "value=\"email=many\"");
    assertThat(web.get("/admin/routing").body()).contains("value=\"email=7\"");
  }

  /** Posts a form and returns the page it leads back to, as a browser shows it. */
  private String submit(String path, Map<String, String> form) {
    web.post(path, form);
    return web.get("/admin/routing").body();
  }

  @Test
  void aBrandKeepsItsDefaultQueueUnlessAnotherTakesItsPlace() {
    BrandSummary brand = fx.brand();
    var main = fx.routing.create(brand.id(), "Default main", true, true, List.of());
    var other = fx.routing.create(brand.id(), "Default other", true, false, List.of());

    web.post("/admin/queues/" + main.id(), Map.of("autoAssign", "true", "policy", "LONGEST_IDLE"));

    assertThat(web.get("/admin/queues?lang=zh-CN").body()).contains("品牌必须有一个默认队列");
    assertThat(queue(main.id()).isDefault()).isTrue();
    assertThat(queue(main.id()).policy()).isEqualTo(AssignmentPolicy.ROUND_ROBIN); // nothing saved

    web.post(
        "/admin/queues/" + other.id(),
        Map.of("autoAssign", "true", "isDefault", "true", "policy", "ROUND_ROBIN"));

    assertThat(web.get("/admin/queues?lang=en").body()).contains("Queue saved.");
    assertThat(queue(other.id()).isDefault()).isTrue();
    assertThat(queue(main.id()).isDefault()).isFalse(); // the default moved, there are not two
  }

  @Test
  void twoAdminsMovingTheDefaultAtOnceLeaveTheBrandExactlyOne() throws Exception {
    BrandSummary brand = fx.brand();
    var admin = context.getBean(io.parley.routing.internal.QueueAdministration.class);
    List<Long> ids = new java.util.ArrayList<>();
    for (String name : List.of("Race a", "Race b", "Race c")) {
      ids.add(fx.routing.create(brand.id(), name, true, name.endsWith("a"), List.of()).id());
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> saves = new java.util.ArrayList<>();
        for (long id : List.of(ids.get(1 + round % 2), ids.get(2 - round % 2))) {
          saves.add(
              pool.submit(
                  () -> {
                    start.await();
                    admin.configure(id, true, true, List.of());
                    return null;
                  }));
        }
        start.countDown();
        for (var save : saves) {
          save.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(ids.stream().filter(id -> queue(id).isDefault()).count())
            .as("defaults after round %d", round)
            .isOne();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The agent's own capacities as stored (the page shows every agent's). */
  private List<String> capacities(UserId agent) {
    return context
        .getBean(org.springframework.jdbc.core.JdbcTemplate.class)
        .queryForList(
            "select channel_type || '=' || max_cases from routing_agent_capacity where user_id = ?"
                + " order by channel_type",
            String.class,
            agent.value());
  }

  private QueueSummary queue(long id) {
    return fx.routing.all().stream().filter(q -> q.id() == id).findFirst().orElseThrow();
  }
}
