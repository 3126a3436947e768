package io.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Correcting and hiding messages in the console: an agent corrects their own internal note (the
 * earlier text stays, shown under it), never what the customer wrote or received; a supervisor
 * hides an abusive message with a reason, which is kept and audited.
 */
@ParleyTest
class MessageCorrectionTests {

  @LocalServerPort int port;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired Customers customers;
  @Autowired Users users;
  @Autowired JdbcTemplate jdbc;
  BrandSummary mobile;
  CustomerId emma;

  @BeforeEach
  void data() {
    mobile = brands.findByCode("acme-mobile").orElseThrow();
    emma = customers.search("Emma Johnson", 0, 1).items().get(0).id();
  }

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

  private CaseView openCase(String text) {
    return io.parley.support.Routed.settled(
        cases, cases.open(new NewCase(mobile.id(), "", null, emma, null, "email", text, null)));
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
