package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.NewCase;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.NewUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.support.ParleyTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ParleyTest
class RoundRobinTests {

  @Autowired Brands brands;
  @Autowired Users users;
  @Autowired Cases cases;
  @Autowired Routing routing;
  @Autowired io.parley.identity.Presences presences;

  @Test
  void newCasesLandInTheDefaultQueueAndAreHandedToMembersInTurn() {
    BrandSummary brand = brands.register("rr-brand", "Round Robin Brand", "RR");
    UserId ann = agent("rr.ann", brand);
    UserId bob = agent("rr.bob", brand);
    UserId cid = agent("rr.cid", brand);
    var queue = routing.create(brand.id(), "RR support", true, true, List.of(ann, bob, cid));

    List<CaseView> opened = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      opened.add(
          cases.open(
              new NewCase(brand.id(), "", null, null, null, "email", "Question " + i, null)));
    }

    var assignees = assigneesOnceAllAssigned(opened, queue.id());
    assertThat(assignees).filteredOn(ann::equals).hasSize(2);
    assertThat(assignees).filteredOn(bob::equals).hasSize(2);
    assertThat(assignees).filteredOn(cid::equals).hasSize(2);
  }

  @Autowired org.springframework.transaction.PlatformTransactionManager transactionManager;

  /**
   * Cases opened in one transaction (a page of posts) are routed together after it commits, in the
   * order they opened: the queue's policy still deals them out in turn.
   */
  @Test
  void casesOpenedTogetherAreRoutedTogetherInTurn() {
    Team team = teamOfTwo("rr-page", "RRP", "rrp.eve", "rrp.fay");

    List<CaseView> opened =
        inOneTransaction(
            () -> {
              List<CaseView> page = new ArrayList<>();
              for (int i = 0; i < 4; i++) {
                page.add(open(team.brand(), "weibo", "Post " + i));
              }
              return page;
            });

    var assignees = assigneesOnceAllAssigned(opened, team.queueId());
    assertThat(assignees).filteredOn(team.first()::equals).hasSize(2);
    assertThat(assignees).filteredOn(team.second()::equals).hasSize(2);
  }

  @Test
  void aBurstBeyondTheAgentsCapacityWaitsWholeAndIsPulledAsSlotsFree() {
    Team team = teamOfTwo("rr-burst", "RRB", "rrb.gus", "rrb.hal");

    // In one transaction, for two agents holding three chats and ten social cases each: three
    // chats needing a skill nobody has, twenty chats, then two Weibo posts. Six chats are
    // assigned; the chats needing the skill do not stop the others, and the chats that find the
    // agents full do not stop the posts.
    List<List<CaseView>> opened =
        inOneTransaction(
            () -> {
              List<CaseView> rare = new ArrayList<>();
              List<CaseView> chats = new ArrayList<>();
              List<CaseView> posts = new ArrayList<>();
              for (int i = 0; i < 3; i++) {
                CaseView c = open(team.brand(), "webchat", "Rare " + i);
                cases.update(
                    c.id(),
                    new io.parley.conversations.CaseUpdate(
                        null, null, null, null, false, Set.of("skill:klingon")),
                    null,
                    null);
                rare.add(c);
              }
              for (int i = 0; i < 20; i++) {
                chats.add(open(team.brand(), "webchat", "Chat " + i));
              }
              for (int i = 0; i < 2; i++) {
                posts.add(open(team.brand(), "weibo", "Post " + i));
              }
              return List.of(rare, chats, posts);
            });
    List<CaseView> rare = opened.get(0);
    List<CaseView> chats = opened.get(1);
    List<CaseView> posts = opened.get(2);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                current(chats).stream().filter(c -> c.assignee() != null).count() == 6
                    && current(posts).stream().allMatch(c -> c.assignee() != null));
    assertThat(current(rare)).allMatch(c -> c.assignee() == null);
    assertThat(current(chats).stream().filter(c -> c.assignee() != null).map(CaseView::assignee))
        .containsOnly(team.first(), team.second())
        .hasSize(6);
    assertThat(current(chats))
        .as("none lost: every chat is in the queue")
        .allMatch(c -> Objects.equals(c.queueId(), team.queueId()));

    // A chat closes: its agent's freed slot pulls a waiting chat.
    CaseView done =
        current(chats).stream()
            .filter(c -> team.first().equals(c.assignee()))
            .findFirst()
            .orElseThrow();
    cases.update(
        done.id(),
        io.parley.conversations.CaseUpdate.status(io.parley.conversations.CaseStatus.CLOSED),
        null,
        null);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                current(chats).stream()
                        .filter(c -> team.first().equals(c.assignee()) && c.status().isActive())
                        .count()
                    == 3);
    assertThat(current(chats).stream().filter(c -> c.assignee() != null && c.status().isActive()))
        .hasSize(6);
  }

  /** A brand with two online agents in its auto-assigning, round-robin default queue. */
  private record Team(BrandSummary brand, UserId first, UserId second, long queueId) {}

  private Team teamOfTwo(String code, String prefix, String first, String second) {
    BrandSummary brand = brands.register(code, "Brand " + code, prefix);
    UserId one = agent(first, brand);
    UserId two = agent(second, brand);
    return new Team(
        brand,
        one,
        two,
        routing.create(brand.id(), prefix + " queue", true, true, List.of(one, two)).id());
  }

  /** What {@code work} returns, done in one transaction (as a page of posts opens its cases). */
  private <T> T inOneTransaction(java.util.function.Supplier<T> work) {
    return new org.springframework.transaction.support.TransactionTemplate(transactionManager)
        .execute(s -> work.get());
  }

  private CaseView open(BrandSummary brand, String channel, String text) {
    return cases.open(new NewCase(brand.id(), "", null, null, null, channel, text, null));
  }

  private List<CaseView> current(List<CaseView> opened) {
    return opened.stream().map(c -> cases.find(c.id()).orElseThrow()).toList();
  }

  @Test
  void aQueueWithoutRoundRobinKeepsCasesUnassigned() {
    BrandSummary brand = brands.register("manual-brand", "Manual Brand", "MAN");
    UserId dee = agent("man.dee", brand);
    var queue = routing.create(brand.id(), "Manual", false, true, List.of(dee));

    CaseView aCase =
        cases.open(new NewCase(brand.id(), "", null, null, null, "email", "Hello", null));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Objects.equals(cases.find(aCase.id()).orElseThrow().queueId(), queue.id()));
    assertThat(cases.find(aCase.id()).orElseThrow().assignee()).isNull();
  }

  /** The cases' agents, once every case is assigned in the queue. */
  private List<UserId> assigneesOnceAllAssigned(List<CaseView> opened, long queueId) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                opened.stream()
                    .map(c -> cases.find(c.id()).orElseThrow())
                    .allMatch(c -> c.assignee() != null && Objects.equals(c.queueId(), queueId)));
    return opened.stream().map(c -> cases.find(c.id()).orElseThrow().assignee()).toList();
  }

  /** An agent who is online: only online agents are given cases. */
  private UserId agent(String username, BrandSummary brand) {
    UserId agent =
        users
            .register(
                new NewUser(
                    username,
                    username,
                    username + "@acme.example",
                    Role.AGENT,
                    "a-long-password-1",
                    null,
                    Set.of(brand.id())))
            .id();
    presences.set(agent, io.parley.identity.PresenceStatus.ONLINE);
    return agent;
  }
}
