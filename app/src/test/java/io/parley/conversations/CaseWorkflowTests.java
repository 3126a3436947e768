package io.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Working a case in the console: reply with a macro, stale replies, split, link, CSAT. */
@ParleyTest
class CaseWorkflowTests {

  @LocalServerPort int port;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired Customers customers;
  BrandSummary mobile;
  CustomerId emma;

  @BeforeEach
  void data() {
    mobile = brands.findByCode("acme-mobile").orElseThrow();
    emma = customers.search("Emma Johnson", 0, 1).items().get(0).id();
  }

  CaseView openCase(String text) {
    return io.parley.support.Routed.settled(
        cases, cases.open(new NewCase(mobile.id(), "", null, emma, null, "email", text, null)));
  }

  @Test
  void macroTextIsFilledInForTheCaseAndTheReplyCarriesTheAgentsSignature() {
    CaseView aCase = openCase("My phone is broken");
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    String page = agent.get("/cases/" + aCase.reference()).body();
    var macroId = Pattern.compile("<option value=\"(\\d+)\">Greeting").matcher(page);
    assertThat(macroId.find()).isTrue();

    String composer =
        agent.get("/cases/" + aCase.reference() + "/macro?macroId=" + macroId.group(1)).body();
    assertThat(composer)
        .contains("Hi Emma Johnson, thanks for reaching out about " + aCase.reference());

    var sent =
        agent.post(
            "/cases/" + aCase.reference() + "/messages",
            Map.of(
                "kind", "reply",
                "body", "Hi Emma Johnson, we are on it.",
                "lastSeenMessageId", lastMessageId(page)));
    assertThat(sent.statusCode()).isEqualTo(302);
    assertThat(cases.messages(aCase.id()))
        .anySatisfy(
            m -> {
              assertThat(m.kind()).isEqualTo(MessageKind.OUTBOUND);
              assertThat(m.body()).isEqualTo("Hi Emma Johnson, we are on it. ^LN");
            });
  }

  @Test
  void aReplyWrittenBeforeTheCustomersNewMessageAsksForConfirmation() {
    CaseView aCase = openCase("Where is my order?");
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    String page = agent.get("/cases/" + aCase.reference()).body();
    String seen = lastMessageId(page);

    cases.addMessage(aCase.id(), MessageKind.INBOUND, emma, null, "Never mind, it arrived!", null);

    var warned =
        agent.post(
            "/cases/" + aCase.reference() + "/messages",
            Map.of(
                "kind",
                "reply",
                "body",
                "Let me check with the carrier.",
                "lastSeenMessageId",
                seen));
    assertThat(warned.statusCode()).isEqualTo(200);
    assertThat(warned.body())
        .contains("data-testid=\"stale-warning\"")
        .contains("Never mind, it arrived!");
    assertThat(cases.messages(aCase.id())).noneMatch(m -> m.kind() == MessageKind.OUTBOUND);

    var confirmed =
        agent.post(
            "/cases/" + aCase.reference() + "/messages",
            Map.of(
                "kind", "note",
                "body", "Customer says it arrived",
                "lastSeenMessageId", seen,
                "force", "true"));
    assertThat(confirmed.statusCode()).isEqualTo(302);
    assertThat(cases.messages(aCase.id())).anyMatch(m -> m.kind() == MessageKind.NOTE);
  }

  @Test
  void splittingAMessageOpensALinkedCaseForIt() {
    CaseView aCase = openCase("Screen flickers");
    var second =
        cases.addMessage(
            aCase.id(), MessageKind.INBOUND, emma, null, "Also, my invoice is wrong", null);
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    agent.get("/cases/" + aCase.reference());

    var split =
        agent.post("/cases/" + aCase.reference() + "/messages/" + second.id() + "/split", Map.of());

    String newRef =
        URI.create(split.headers().firstValue("Location").orElseThrow())
            .getPath()
            .replace("/cases/", "");
    assertThat(newRef).startsWith("ACME-").isNotEqualTo(aCase.reference());
    CaseView created = cases.findByReference(newRef).orElseThrow();
    assertThat(created.subject()).isEqualTo("Also, my invoice is wrong");
    assertThat(created.customer()).isEqualTo(emma);
    assertThat(cases.related(aCase.id(), admin())).extracting(CaseView::reference).contains(newRef);
    assertThat(cases.messages(aCase.id()))
        .filteredOn(m -> m.id() == second.id())
        .singleElement()
        .extracting(MessageView::movedTo)
        .isEqualTo(created.id());
    assertThat(agent.get("/cases/" + aCase.reference()).body()).contains(newRef);
  }

  @Test
  void solvingACaseSendsARatingLinkThatTheCustomerUsesOnce() {
    CaseView aCase = openCase("Battery drains");
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    String page = agent.get("/cases/" + aCase.reference()).body();
    var version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
    assertThat(version.find()).isTrue();

    agent.post(
        "/cases/" + aCase.reference() + "/update",
        Map.of(
            "status",
            "SOLVED",
            "priority",
            "NORMAL",
            "assignee",
            "",
            "tags",
            "battery",
            "version",
            version.group(1)));

    CaseView solved = cases.find(aCase.id()).orElseThrow();
    assertThat(solved.status()).isEqualTo(CaseStatus.SOLVED);
    String survey =
        cases.messages(aCase.id()).stream()
            .filter(m -> m.kind() == MessageKind.OUTBOUND && m.body().contains("/csat/"))
            .findFirst()
            .orElseThrow()
            .body();
    var link = Pattern.compile("(/csat/[A-Z]+-\\d+\\?t=[0-9a-f]+)").matcher(survey);
    assertThat(link.find()).isTrue();

    var customer = new WebClient(port);
    assertThat(customer.get(link.group(1)).body()).contains("How did we do?");
    var rated = customer.post(link.group(1), Map.of("score", "4", "comment", "Quick and friendly"));
    assertThat(rated.statusCode()).isEqualTo(200);
    assertThat(rated.body()).contains("Thank you for your rating!");
    assertThat(cases.find(aCase.id()).orElseThrow().csatScore()).isEqualTo(4);
    assertThat(cases.find(aCase.id()).orElseThrow().csatComment()).isEqualTo("Quick and friendly");

    var forged = customer.post("/csat/" + aCase.reference() + "?t=0000", Map.of("score", "1"));
    assertThat(forged.body()).contains("This rating link is not valid.");
    assertThat(cases.find(aCase.id()).orElseThrow().csatScore()).isEqualTo(4);
  }

  @Test
  void bulkActionsChangeOnlyTheSelectedCasesTheAgentMaySee() {
    CaseView first = openCase("Bulk one");
    CaseView second = openCase("Bulk two");
    CaseView untouched = openCase("Bulk three");
    CaseView otherBrand =
        cases.open(
            new NewCase(
                brands.findByCode("acme-home").orElseThrow().id(),
                "",
                null,
                null,
                null,
                "email",
                "Not Sam's brand",
                null));
    var sam = new WebClient(port);
    sam.login("sam.taylor", ParleyTest.DEMO_PASSWORD);
    sam.get("/cases?view=unassigned");

    var response =
        sam.postRaw(
            "/cases/bulk",
            Map.of(
                "references",
                first.reference(),
                "action",
                "status:PENDING_INTERNAL",
                "view",
                "open",
                "_csrf",
                csrfOf(sam)));
    assertThat(response.statusCode()).isEqualTo(302);
    sam.get("/cases");
    sam.post("/cases/bulk", Map.of("references", second.reference(), "action", "take"));
    sam.get("/cases");
    sam.post("/cases/bulk", Map.of("references", otherBrand.reference(), "action", "take"));

    assertThat(cases.find(first.id()).orElseThrow().status())
        .isEqualTo(CaseStatus.PENDING_INTERNAL);
    assertThat(cases.find(second.id()).orElseThrow().assignee()).isNotNull();
    assertThat(cases.find(untouched.id()).orElseThrow().status()).isEqualTo(CaseStatus.NEW);
    assertThat(cases.find(otherBrand.id()).orElseThrow().assignee()).isNull();
  }

  @Test
  void supervisorsDefineMacrosThatAgentsThenUse() {
    var supervisor = new WebClient(port);
    supervisor.login("zhou.min", ParleyTest.DEMO_PASSWORD);
    supervisor.get("/cases/macros");
    supervisor.post(
        "/cases/macros",
        Map.of(
            "name",
            "Refund started",
            "body",
            "Dear {{customer.name}}, your refund for {{case.reference}} is on its way.",
            "setStatus",
            "PENDING_CUSTOMER"));

    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    assertThat(agent.get("/cases/macros").body()).contains("Refund started");
    agent.get("/cases/macros");
    var refused = agent.post("/cases/macros", Map.of("name", "Mine", "body", "x"));
    assertThat(refused.statusCode()).isEqualTo(403);

    CaseView aCase = openCase("Refund please");
    String page = agent.get("/cases/" + aCase.reference()).body();
    var id = Pattern.compile("<option value=\"(\\d+)\">Refund started").matcher(page);
    assertThat(id.find()).isTrue();
    String composer =
        agent.get("/cases/" + aCase.reference() + "/macro?macroId=" + id.group(1)).body();
    assertThat(composer)
        .contains("Dear Emma Johnson, your refund for " + aCase.reference() + " is on its way.")
        .containsPattern("<option value=\"PENDING_CUSTOMER\" selected");
  }

  private static String csrfOf(WebClient client) {
    var m =
        Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(client.get("/cases").body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static io.parley.identity.CurrentUser admin() {
    return new io.parley.identity.CurrentUser(
        new io.parley.identity.UserId(0),
        "admin",
        "Admin",
        io.parley.identity.Role.ADMIN,
        java.util.Set.of());
  }

  private static String lastMessageId(String page) {
    var m = Pattern.compile("name=\"lastSeenMessageId\" value=\"(\\d+)\"").matcher(page);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
