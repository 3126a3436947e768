package io.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.customers.Customers;
import io.parley.identity.Brands;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import io.parley.support.WebClient.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Attachments are checked for size and real type, and never served as active content. */
@ParleyTest
class AttachmentTests {

  static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1
  };

  @LocalServerPort int port;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired Customers customers;

  CaseView openCase(String brandCode) {
    return io.parley.support.Routed.settled(
        cases,
        cases.open(
            new NewCase(
                brands.findByCode(brandCode).orElseThrow().id(),
                "",
                null,
                null,
                null,
                "email",
                "Photo of the damage",
                null)));
  }

  @Test
  void anImageAndAPdfAreStoredAndServedSafely() {
    CaseView aCase = openCase("acme-mobile");
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    agent.get("/cases/" + aCase.reference());
    byte[] pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.US_ASCII);

    var sent =
        agent.postMultipart(
            "/cases/" + aCase.reference() + "/messages",
            Map.of(
                "kind",
                "note",
                "body",
                "Photos from the customer",
                "lastSeenMessageId",
                "999999999"),
            List.of(
                new Upload("files", "damage.png", "image/png", PNG),
                new Upload("files", "../../etc/receipt.pdf", "application/octet-stream", pdf)));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);

    String page = agent.get("/cases/" + aCase.reference()).body();
    assertThat(page).contains("damage.png").contains("receipt.pdf").doesNotContain("../");
    var links =
        Pattern.compile("/cases/" + aCase.reference() + "/attachments/(\\d+)\"[^>]*>([^<]+)<")
            .matcher(page);
    Map<String, String> ids = new java.util.HashMap<>();
    while (links.find()) {
      ids.put(links.group(2), links.group(1));
    }
    var image = agent.get("/cases/" + aCase.reference() + "/attachments/" + ids.get("damage.png"));
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
    assertThat(image.headers().firstValue("X-Content-Type-Options").orElseThrow())
        .isEqualTo("nosniff");
    assertThat(image.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("sandbox");
    assertThat(image.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("inline");

    var document =
        agent.get("/cases/" + aCase.reference() + "/attachments/" + ids.get("receipt.pdf"));
    assertThat(document.headers().firstValue("Content-Type").orElseThrow())
        .isEqualTo("application/pdf");
    assertThat(document.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment");

    var sam = new WebClient(port);
    sam.login("fixit.partner", ParleyTest.DEMO_PASSWORD);
    assertThat(
            sam.get("/cases/" + aCase.reference() + "/attachments/" + ids.get("damage.png"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void theTextAndFilesOfAHiddenMessageAreForWhoeverHidItAndModeratorsOnly() {
    CaseView aCase = openCase("acme-mobile");
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    agent.get("/cases/" + aCase.reference());
    agent.postMultipart(
        "/cases/" + aCase.reference() + "/messages",
        Map.of("kind", "note", "body", "Wrong customer's photo", "lastSeenMessageId", "999999999"),
        List.of(new Upload("files", "someone-else.png", "image/png", PNG)));
    long note =
        cases.messages(aCase.id()).stream()
            .filter(m -> m.kind() == MessageKind.NOTE)
            .findFirst()
            .orElseThrow()
            .id();
    String before = agent.get("/cases/" + aCase.reference()).body();
    assertThat(outsideHiddenText(before)).contains("someone-else.png");

    agent.post(
        "/cases/" + aCase.reference() + "/messages/" + note + "/hide",
        Map.of("reason", "Wrong case"));

    String page = agent.get("/cases/" + aCase.reference()).body();
    assertThat(outsideHiddenText(page)).doesNotContain("someone-else.png");
    var hidden =
        Pattern.compile("<details class=\"hidden-text\">(.*?)</details>", Pattern.DOTALL)
            .matcher(page);
    assertThat(hidden.find()).isTrue();
    assertThat(hidden.group(1)).contains("Show the hidden text and its files");
    var link =
        Pattern.compile(
                "/cases/" + aCase.reference() + "/attachments/(\\d+)\"[^>]*>someone-else.png<")
            .matcher(hidden.group(1));
    assertThat(link.find()).isTrue();
    assertThat(
            agent.get("/cases/" + aCase.reference() + "/attachments/" + link.group(1)).statusCode())
        .as("whoever may read the hidden text may open its files")
        .isEqualTo(200);

    // Another agent on the brand sees that it was hidden, by whom and why, but not what it said
    // nor its files: not on the page, not by the file's address, not through the API.
    var colleague = new WebClient(port);
    colleague.login("sam.taylor", ParleyTest.DEMO_PASSWORD);
    String theirs = colleague.get("/cases/" + aCase.reference()).body();
    assertThat(theirs)
        .contains("Wrong case")
        .doesNotContain("Wrong customer")
        .doesNotContain("someone-else.png")
        .doesNotContain("Show the hidden text");
    assertThat(
            colleague
                .get("/cases/" + aCase.reference() + "/attachments/" + link.group(1))
                .statusCode())
        .isEqualTo(404);
    String samToken = io.parley.support.ApiTokens.of(port, "sam.taylor", ParleyTest.DEMO_PASSWORD);
    String json =
        colleague
            .api("GET", "/api/v1/cases/" + aCase.reference() + "/messages", samToken, null)
            .body();
    assertThat(json).contains("Wrong case").doesNotContain("Wrong customer");

    // A supervisor may read it.
    var supervisor = new WebClient(port);
    supervisor.login("zhou.min", ParleyTest.DEMO_PASSWORD);
    String theirPage = supervisor.get("/cases/" + aCase.reference()).body();
    assertThat(theirPage).contains("Wrong customer").contains("someone-else.png");
    assertThat(
            supervisor
                .get("/cases/" + aCase.reference() + "/attachments/" + link.group(1))
                .statusCode())
        .isEqualTo(200);
    String zhouToken = io.parley.support.ApiTokens.of(port, "zhou.min", ParleyTest.DEMO_PASSWORD);
    assertThat(
            supervisor
                .api("GET", "/api/v1/cases/" + aCase.reference() + "/messages", zhouToken, null)
                .body())
        .contains("Wrong customer");
  }

  private static String outsideHiddenText(String page) {
    return page.replaceAll("(?s)<details class=\"hidden-text\">.*?</details>", "");
  }

  @Test
  void markupDisguisedAsAnImageIsRefusedAndNothingIsSent() {
    CaseView aCase = openCase("acme-mobile");
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    agent.get("/cases/" + aCase.reference());
    byte[] svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
            .getBytes(StandardCharsets.UTF_8);

    var response =
        agent.postMultipart(
            "/cases/" + aCase.reference() + "/messages",
            Map.of("kind", "reply", "body", "See attached", "lastSeenMessageId", "999999999"),
            List.of(new Upload("files", "cute-cat.png", "image/png", svg)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Only images, PDF, plain text and Office documents");
    assertThat(cases.messages(aCase.id())).noneMatch(m -> m.kind() == MessageKind.OUTBOUND);
  }

  @Test
  void aFileOverTheLimitIsRefused() {
    CaseView aCase = openCase("acme-mobile");
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    agent.get("/cases/" + aCase.reference());
    byte[] big = new byte[11 * 1024 * 1024];
    System.arraycopy(PNG, 0, big, 0, PNG.length);

    var response =
        agent.postMultipart(
            "/cases/" + aCase.reference() + "/messages",
            Map.of("kind", "note", "body", "Huge", "lastSeenMessageId", "999999999"),
            List.of(new Upload("files", "huge.png", "image/png", big)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("A file is larger than 10 MB.");
    assertThat(cases.messages(aCase.id())).noneMatch(m -> m.kind() == MessageKind.NOTE);
  }
}
