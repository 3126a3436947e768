package io.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Full-text search finds cases by words in Chinese and English, in subjects and messages, but not
 * by the words of a hidden message.
 */
@ParleyTest
class CaseSearchTests {

  @LocalServerPort int port;
  @Autowired Cases cases;
  @Autowired Brands brands;

  @Test
  void chineseAndEnglishWordsFindTheirCasesInSubjectsAndMessages() {
    BrandSummary brand = brands.register("search-brand", "Search Brand", "SRCH");
    CaseView chinese =
        cases.open(
            new NewCase(
                brand.id(), "车载系统问题", null, null, null, "weibo", "新手机蓝牙无法连接车载系统，怎么办？", null));
    CaseView english =
        cases.open(
            new NewCase(
                brand.id(),
                "Help please",
                null,
                null,
                null,
                "email",
                "My headphones cannot connect over Bluetooth",
                null));
    CaseView other =
        cases.open(
            new NewCase(
                brand.id(), "Invoice", null, null, null, "email", "Wrong amount on my bill", null));
    CurrentUser viewer = new CurrentUser(new UserId(1), "x", "X", Role.AGENT, Set.of(brand.id()));
    // The index follows writes asynchronously.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> cases.search(other.reference(), viewer, 0, 25).total() == 1);

    assertThat(cases.search("无法连接", viewer, 0, 25).items())
        .extracting(CaseView::reference)
        .containsExactly(chinese.reference());
    assertThat(cases.search("cannot connect", viewer, 0, 25).items())
        .extracting(CaseView::reference)
        .containsExactly(english.reference());
    assertThat(cases.search("connecting", viewer, 0, 25).items())
        .extracting(CaseView::reference)
        .as("English words are stemmed")
        .containsExactly(english.reference());
    assertThat(cases.search("车载系统", viewer, 0, 25).items())
        .extracting(CaseView::reference)
        .containsExactly(chinese.reference());
    assertThat(cases.search(other.reference(), viewer, 0, 25).items())
        .extracting(CaseView::reference)
        .containsExactly(other.reference());

    cases.addMessage(
        other.id(), MessageKind.INBOUND, null, null, "Also the app cannot connect", null);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> cases.search("cannot connect", viewer, 0, 25).total() == 2);
    assertThat(cases.search("cannot connect", viewer, 0, 25).items())
        .extracting(CaseView::reference)
        .containsExactlyInAnyOrder(english.reference(), other.reference());
  }

  @Test
  void searchNeverShowsCasesOfOtherBrands() {
    var home = brands.findByCode("acme-home").orElseThrow();
    CaseView homeCase =
        cases.open(
            new NewCase(home.id(), "", null, null, null, "email", "Zyxwvut robot vacuum", null));
    String sam = ApiTokens.of(port, "sam.taylor", ParleyTest.DEMO_PASSWORD);
    String lina = ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD);
    var api = new WebClient(port);
    String query = "/api/v1/cases?q=" + URLEncoder.encode("zyxwvut", StandardCharsets.UTF_8);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.api("GET", query, lina, null).body().contains(homeCase.reference()));

    assertThat(api.api("GET", query, lina, null).body()).contains(homeCase.reference());
    assertThat(api.api("GET", query, sam, null).body())
        .doesNotContain(homeCase.reference())
        .contains("\"total\":0");
  }

  @Test
  void theConsoleSearchBoxFindsCases() {
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                agent
                    .get("/cases?q=" + URLEncoder.encode("蓝牙", StandardCharsets.UTF_8))
                    .body()
                    .contains("蓝牙"));
    String page = agent.get("/cases?q=" + URLEncoder.encode("蓝牙", StandardCharsets.UTF_8)).body();

    assertThat(page).contains("蓝牙").containsPattern("(ACME|HOME)-\\d+");
  }

  @Test
  void aHiddenMessageNoLongerFindsItsCaseWhileTheSameWordsElsewhereStillDo() {
    var mobile = brands.findByCode("acme-mobile").orElseThrow();
    CaseView insulted =
        cases.open(
            new NewCase(
                mobile.id(), "Order question", null, null, null, "email", "Where is it?", null));
    long abusive =
        cases
            .addMessage(
                insulted.id(),
                MessageKind.INBOUND,
                null,
                null,
                "Your snorkelwafer support is useless, 你们的蜗牛潜水艇客服是垃圾",
                null)
            .id();
    CaseView other =
        cases.open(
            new NewCase(
                mobile.id(),
                "Broken",
                null,
                null,
                null,
                "email",
                "My snorkelwafer arrived broken, 蜗牛潜水艇坏了",
                null));
    CurrentUser viewer =
        new CurrentUser(new UserId(1), "x", "X", Role.SUPERVISOR, Set.of(mobile.id()));
    await().atMost(Duration.ofSeconds(20)).until(() -> found("snorkelwafer", viewer).size() == 2);

    var zhouMin = hideAsSupervisor(insulted.reference(), abusive);
    assertThat(cases.message(abusive).orElseThrow().hiddenReason()).isEqualTo("Abusive language");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> found("snorkelwafer", viewer).equals(List.of(other.reference())));
    assertThat(found("蜗牛潜水艇", viewer)).containsExactly(other.reference());
    assertThat(found(insulted.reference(), viewer))
        .as("the case itself stays searchable")
        .containsExactly(insulted.reference());
    String token = ApiTokens.of(port, "zhou.min", ParleyTest.DEMO_PASSWORD);
    assertThat(new WebClient(port).api("GET", "/api/v1/cases?q=snorkelwafer", token, null).body())
        .contains(other.reference())
        .doesNotContain(insulted.reference());
    assertThat(zhouMin.get("/cases?q=snorkelwafer").body())
        .contains(other.reference())
        .doesNotContain(insulted.reference());
  }

  @Test
  void hidingTheOpeningMessageHidesTheSubjectItGaveTheCase() {
    var mobile = brands.findByCode("acme-mobile").orElseThrow();
    CaseView aCase =
        cases.open(
            new NewCase(
                mobile.id(),
                null,
                null,
                null,
                null,
                "email",
                "Your quibblefrond support is useless, 你们的鹦鹉螺客服是垃圾",
                null));
    assertThat(cases.find(aCase.id()).orElseThrow().subject()).contains("quibblefrond");
    long opening = cases.messages(aCase.id()).get(0).id();
    CurrentUser viewer =
        new CurrentUser(new UserId(1), "x", "X", Role.SUPERVISOR, Set.of(mobile.id()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> found("quibblefrond", viewer).equals(List.of(aCase.reference())));

    var zhouMin = hideAsSupervisor(aCase.reference(), opening);

    assertThat(cases.find(aCase.id()).orElseThrow().subject()).isEqualTo("[hidden]");
    await().atMost(Duration.ofSeconds(20)).until(() -> found("quibblefrond", viewer).isEmpty());
    assertThat(found("鹦鹉螺", viewer)).isEmpty();
    assertThat(found(aCase.reference(), viewer))
        .as("the case itself stays searchable")
        .containsExactly(aCase.reference());
    // The hidden text stays behind "Show the hidden text" for moderators, nowhere else on the page.
    String page =
        zhouMin
            .get("/cases/" + aCase.reference())
            .body()
            .replaceAll("(?s)<details class=\"hidden-text\">.*?</details>", "");
    assertThat(page).doesNotContain("quibblefrond").doesNotContain("鹦鹉螺");
    assertThat(zhouMin.get("/cases?q=" + aCase.reference()).body())
        .contains(aCase.reference())
        .doesNotContain("quibblefrond");
    assertThat(cases.history(aCase.id()))
        .filteredOn(h -> h.kind().equals("subject"))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.before()).isNull();
              assertThat(h.after()).isEqualTo("[hidden]");
            });
  }

  @Test
  void aHiddenMessageStaysHiddenOnTheCaseItIsMergedInto() {
    var mobile = brands.findByCode("acme-mobile").orElseThrow();
    CaseView source =
        cases.open(
            new NewCase(
                mobile.id(), "Refund", null, null, null, "email", "Where is my refund?", null));
    long abusive =
        cases
            .addMessage(
                source.id(),
                MessageKind.INBOUND,
                null,
                null,
                "Your grumblewhisk support is useless, 你们的刺猬扫帚客服是垃圾",
                null)
            .id();
    CaseView target =
        cases.open(
            new NewCase(
                mobile.id(), "Refund again", null, null, null, "email", "Still no refund", null));
    hideAsSupervisor(source.reference(), abusive);

    // Any agent may merge; li.na merges the two cases.
    var liNa = new WebClient(port);
    liNa.login("li.na", ParleyTest.DEMO_PASSWORD);
    liNa.get("/cases/" + source.reference());
    assertThat(
            liNa.post(
                    "/cases/" + source.reference() + "/merge", Map.of("target", target.reference()))
                .statusCode())
        .isEqualTo(302);

    MessageView copy =
        cases.messages(target.id()).stream()
            .filter(m -> m.id() != abusive && m.hiddenReason() != null)
            .findFirst()
            .orElseThrow(() -> new AssertionError("the merged copy is not hidden"));
    assertThat(copy.hiddenReason()).isEqualTo("Abusive language");
    assertThat(copy.hiddenBy()).isEqualTo(cases.message(abusive).orElseThrow().hiddenBy());
    var sam = new WebClient(port);
    sam.login("sam.taylor", ParleyTest.DEMO_PASSWORD);
    assertThat(sam.get("/cases/" + target.reference()).body())
        .contains("Abusive language")
        .doesNotContain("grumblewhisk")
        .doesNotContain("刺猬扫帚");
    CurrentUser viewer =
        new CurrentUser(new UserId(1), "x", "X", Role.SUPERVISOR, Set.of(mobile.id()));
    // The copy never enters the index: a visible message written after it is found, it is not.
    cases.addMessage(
        target.id(), MessageKind.INBOUND, null, null, "Marker plinthquark arrived", null);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> found("plinthquark", viewer).equals(List.of(target.reference())));
    assertThat(found("grumblewhisk", viewer)).isEmpty();
  }

  private List<String> found(String text, CurrentUser viewer) {
    return cases.search(text, viewer, 0, 100).items().stream().map(CaseView::reference).toList();
  }

  /** Zhou Min, a supervisor, hides the message from the case page with a reason; her client. */
  private WebClient hideAsSupervisor(String reference, long message) {
    var zhouMin = new WebClient(port);
    zhouMin.login("zhou.min", ParleyTest.DEMO_PASSWORD);
    zhouMin.get("/cases/" + reference);
    assertThat(
            zhouMin
                .post(
                    "/cases/" + reference + "/messages/" + message + "/hide",
                    Map.of("reason", "Abusive language"))
                .statusCode())
        .isEqualTo(302);
    return zhouMin;
  }
}
