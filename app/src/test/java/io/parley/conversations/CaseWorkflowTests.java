package io.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Working a case in the console: reply with a macro, stale replies, split, link, CSAT, correcting
 * and hiding messages.
 */
@ParleyTest
class CaseWorkflowTests {

  @LocalServerPort int port;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired Customers customers;
  @Autowired io.parley.identity.Users users;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
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

  // Correcting and hiding messages: an agent corrects their own internal note (the earlier text
  // stays, shown under it), never what the customer wrote or received; a supervisor hides an
  // abusive message with a reason, which is kept and audited.

  @Test
  void anAgentCorrectsTheirOwnNoteButNothingTheCustomerWroteOrAnotherAgentsNote() {
    CaseView aCase = openCase("My screen flickers since the update.");
    long inbound = cases.messages(aCase.id()).get(0).id();
    long note =
        cases.note(aCase.id(), user("li.na"), "Customer on firmware 3.2, call tomorow").id();
    var liNa = signedIn("li.na");

    assertThat(liNa.get(page(aCase)).body())
        .contains(action(aCase, note, "edit"))
        .doesNotContain(action(aCase, inbound, "edit"))
        .doesNotContain(action(aCase, inbound, "hide"));
    var corrected =
        liNa.post(
            action(aCase, note, "edit"), Map.of("body", "Customer on firmware 3.2, call tomorrow"));
    assertThat(corrected.statusCode()).isEqualTo(302);
    String after = liNa.get(page(aCase)).body();
    assertThat(after)
        .contains("The note was corrected; its earlier text is kept as a version.")
        .contains("Customer on firmware 3.2, call tomorrow")
        .contains("data-testid=\"versions-" + note + "\"")
        .contains("Customer on firmware 3.2, call tomorow");
    assertThat(cases.versions(note))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.body()).isEqualTo("Customer on firmware 3.2, call tomorow");
              assertThat(v.replacedBy()).isEqualTo(user("li.na"));
            });

    // The customer's words are never edited, not even by trying the address by hand.
    assertThat(
            liNa.post(action(aCase, inbound, "edit"), Map.of("body", "I love the update."))
                .statusCode())
        .isEqualTo(302);
    assertThat(liNa.get(page(aCase)).body())
        .contains("Only internal notes can be corrected, by their author or a supervisor.");
    assertThat(cases.message(inbound).orElseThrow().body())
        .isEqualTo("My screen flickers since the update.");

    // Another agent cannot touch 李娜's note.
    var sam = signedIn("sam.taylor");
    assertThat(sam.get(page(aCase)).body()).doesNotContain(action(aCase, note, "edit"));
    assertThat(sam.post(action(aCase, note, "edit"), Map.of("body", "Nothing to do.")).statusCode())
        .isEqualTo(302);
    assertThat(sam.get(page(aCase)).body())
        .contains("Only internal notes can be corrected, by their author or a supervisor.");
    assertThat(sam.post(action(aCase, note, "hide"), Map.of("reason", "Mine now")).statusCode())
        .isEqualTo(302);
    assertThat(sam.get(page(aCase)).body())
        .contains("Only supervisors and admins can hide this message");
    MessageView kept = cases.message(note).orElseThrow();
    assertThat(kept.body()).isEqualTo("Customer on firmware 3.2, call tomorrow");
    assertThat(kept.hiddenReason()).isNull();
  }

  @Test
  void aSupervisorHidesAnAbusiveMessageWithAReasonThatIsKeptAndAudited() {
    CaseView aCase = openCase("You are all idiots, my phone died again!!");
    long inbound = cases.messages(aCase.id()).get(0).id();
    var zhouMin = signedIn("zhou.min");
    assertThat(zhouMin.get(page(aCase)).body()).contains(action(aCase, inbound, "hide"));

    assertThat(zhouMin.post(action(aCase, inbound, "hide"), Map.of("reason", " ")).statusCode())
        .isEqualTo(302);
    assertThat(zhouMin.get(page(aCase)).body())
        .contains("Say why the message is hidden: the reason is kept with it.");
    assertThat(cases.message(inbound).orElseThrow().hiddenReason()).isNull();

    zhouMin.post(action(aCase, inbound, "hide"), Map.of("reason", "Abusive language"));
    String page = zhouMin.get(page(aCase)).body();
    assertThat(page)
        .contains("The message is hidden. It is kept, with the reason, and can be read here.")
        .contains("Hidden by 周敏: Abusive language")
        .contains("Show the hidden text")
        .doesNotContain(action(aCase, inbound, "hide"));
    MessageView hidden = cases.message(inbound).orElseThrow();
    assertThat(hidden.hiddenReason()).isEqualTo("Abusive language");
    assertThat(hidden.hiddenBy()).isEqualTo(user("zhou.min"));
    assertThat(hidden.body()).as("kept").isEqualTo("You are all idiots, my phone died again!!");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from compliance_audit_entry where action = 'message.hidden'"
                    + " and subject_id = ? and actor_id = ?",
                Integer.class,
                String.valueOf(inbound),
                user("zhou.min").value()))
        .isEqualTo(1);

    zhouMin.post(action(aCase, inbound, "hide"), Map.of("reason", "Again"));
    assertThat(zhouMin.get(page(aCase)).body()).contains("This message is already hidden.");
    assertThat(cases.message(inbound).orElseThrow().hiddenReason()).isEqualTo("Abusive language");
  }

  @Test
  void aHiddenMessageCannotBeSplitIntoANewCaseWhereItsTextWouldShow() {
    CaseView aCase = openCase("My screen flickers");
    var abusive =
        cases.addMessage(
            aCase.id(), MessageKind.INBOUND, emma, null, "Fix it now, you clowns", null);
    var zhouMin = signedIn("zhou.min");
    assertThat(zhouMin.get(page(aCase)).body()).contains(action(aCase, abusive.id(), "split"));
    zhouMin.post(action(aCase, abusive.id(), "hide"), Map.of("reason", "Abusive language"));

    assertThat(zhouMin.get(page(aCase)).body())
        .doesNotContain(action(aCase, abusive.id(), "split"));
    var refused = zhouMin.post(action(aCase, abusive.id(), "split"), Map.of());

    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith(page(aCase));
    assertThat(zhouMin.get(page(aCase)).body())
        .contains("A hidden message cannot be split into a new case");
    assertThat(cases.message(abusive.id()).orElseThrow().movedTo()).isNull();
    assertThat(cases.related(aCase.id(), admin())).isEmpty();
  }

  private WebClient signedIn(String username) {
    var client = new WebClient(port);
    client.login(username, ParleyTest.DEMO_PASSWORD);
    return client;
  }

  private UserId user(String username) {
    return users.findByUsername(username).orElseThrow().id();
  }

  private static String page(CaseView aCase) {
    return "/cases/" + aCase.reference();
  }

  private static String action(CaseView aCase, long message, String what) {
    return "/cases/" + aCase.reference() + "/messages/" + message + "/" + what;
  }
}
