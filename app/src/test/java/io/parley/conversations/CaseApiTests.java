package io.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.identity.Brands;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every case endpoint of the REST API, with the errors a client can meet. */
@ParleyTest
class CaseApiTests {

  @LocalServerPort int port;
  @Autowired Brands brands;
  @Autowired Cases cases;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  WebClient api;
  String lina;
  long mobile;
  long home;

  @BeforeEach
  void tokens() {
    api = new WebClient(port);
    lina = ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD);
    mobile = brands.findByCode("acme-mobile").orElseThrow().id().value();
    home = brands.findByCode("acme-home").orElseThrow().id().value();
  }

  String open(String token, long brand, String message) {
    var created =
        api.api(
            "POST",
            "/api/v1/cases",
            token,
            """
            {"brandId":%d,"channelType":"api","message":"%s","priority":"HIGH"}
            """
                .formatted(brand, message));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var ref = Pattern.compile("\"reference\":\"([A-Z]+-\\d+)\"").matcher(created.body());
    assertThat(ref.find()).isTrue();
    assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith(ref.group(1));
    io.parley.support.Routed.settled(cases, cases.findByReference(ref.group(1)).orElseThrow());
    return ref.group(1);
  }

  @Test
  void opensReadsRepliesNotesAndChangesACase() {
    String ref = open(lina, mobile, "The screen keeps flickering");

    var read = api.api("GET", "/api/v1/cases/" + ref, lina, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body())
        .contains("\"subject\":\"The screen keeps flickering\"")
        .contains("\"status\":\"NEW\"")
        .contains("\"priority\":\"HIGH\"");

    var reply =
        api.api(
            "POST",
            "/api/v1/cases/" + ref + "/messages",
            lina,
            "{\"kind\":\"REPLY\",\"body\":\"Please update to 3.3.1\"}");
    assertThat(reply.statusCode()).isEqualTo(201);
    assertThat(reply.body())
        .contains("\"kind\":\"OUTBOUND\"")
        // Opened through the API without a customer: nobody to send it to, and the API says so.
        .contains("\"deliveryStatus\":\"UNDELIVERABLE\"")
        .contains("\"deliveryError\":\"delivery.noRecipient\"");
    var note =
        api.api(
            "POST",
            "/api/v1/cases/" + ref + "/messages",
            lina,
            "{\"kind\":\"NOTE\",\"body\":\"Known firmware bug\"}");
    assertThat(note.statusCode()).isEqualTo(201);

    var messages = api.api("GET", "/api/v1/cases/" + ref + "/messages", lina, null);
    assertThat(messages.body())
        .contains("The screen keeps flickering")
        .contains("Please update to 3.3.1")
        .contains("Known firmware bug");

    var changed =
        api.api(
            "PATCH",
            "/api/v1/cases/" + ref,
            lina,
            "{\"status\":\"PENDING_CUSTOMER\",\"tags\":[\"Firmware\",\"x12\"]}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(changed.body())
        .contains("\"status\":\"PENDING_CUSTOMER\"")
        .contains("\"firmware\"")
        .contains("\"x12\"")
        .contains("\"firstResponseAt\":\"");

    var history = api.api("GET", "/api/v1/cases/" + ref + "/history", lina, null);
    assertThat(history.body())
        .contains("\"kind\":\"opened\"")
        .contains("\"kind\":\"status\"")
        .contains("\"kind\":\"tags\"");

    var list = api.api("GET", "/api/v1/cases?view=pending&size=100", lina, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(ref).contains("\"total\":");
  }

  @Test
  void aListLongerThanItsPageCountsEveryCaseTheAgentMaySee() {
    long visible =
        jdbc.queryForObject(
            "select count(*) from conversations_case where brand_id in (select brand_id from"
                + " identity_user_brand b join identity_user u on u.id = b.user_id where"
                + " u.username = 'li.na')",
            Long.class);
    assertThat(visible).isGreaterThan(5).isLessThan(1_000);

    var list = api.api("GET", "/api/v1/cases?view=all&size=5", lina, null);

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains("\"total\":" + visible + ",")
        .as("an exact count, not capped")
        .contains("\"totalCapped\":false");
  }

  @Test
  void htmlFromCustomersIsSanitizedBeforeAnyoneSeesIt() {
    var created =
        api.api(
            "POST",
            "/api/v1/cases",
            lina,
            """
            {"brandId":%d,"channelType":"webform","html":"<p>Screen <b>flickers</b></p><script>steal()</script><img src=x onerror=alert(1)><a href='javascript:alert(2)'>click</a><a href='https://acme.example/faq'>FAQ</a>"}
            """
                .formatted(mobile));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String ref = created.body().replaceAll("(?s).*\"reference\":\"([A-Z]+-\\d+)\".*", "$1");

    var messages = api.api("GET", "/api/v1/cases/" + ref + "/messages", lina, null).body();
    assertThat(messages).contains("Screen flickers").doesNotContain("steal()");

    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    String page = agent.get("/cases/" + ref).body();
    assertThat(page)
        .contains("<b>flickers</b>")
        .contains("https://acme.example/faq")
        .doesNotContain("steal()")
        .doesNotContain("onerror")
        .doesNotContain("javascript:");
  }

  @Test
  void changingACaseFromAStaleVersionIsAConflict() {
    String ref = open(lina, mobile, "Order not delivered");
    var read = api.api("GET", "/api/v1/cases/" + ref, lina, null);
    var version = Pattern.compile("\"version\":(\\d+)").matcher(read.body());
    assertThat(version.find()).isTrue();
    long v = Long.parseLong(version.group(1));

    assertThat(
            api.api(
                    "PATCH",
                    "/api/v1/cases/" + ref,
                    lina,
                    "{\"priority\":\"URGENT\",\"version\":" + v + "}")
                .statusCode())
        .isEqualTo(200);
    var stale =
        api.api(
            "PATCH", "/api/v1/cases/" + ref, lina, "{\"priority\":\"LOW\",\"version\":" + v + "}");

    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(stale.body()).contains("case.stale");
    assertThat(api.api("GET", "/api/v1/cases/" + ref, lina, null).body())
        .contains("\"priority\":\"URGENT\"");
  }

  @Test
  void badInputIsAProblemDetail() {
    String ref = open(lina, mobile, "Bluetooth");

    var noBody =
        api.api(
            "POST",
            "/api/v1/cases/" + ref + "/messages",
            lina,
            "{\"kind\":\"REPLY\",\"body\":\"\"}");
    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(noBody.body()).contains("\"field\":\"body\"");

    var badKind =
        api.api(
            "POST",
            "/api/v1/cases/" + ref + "/messages",
            lina,
            "{\"kind\":\"SHOUT\",\"body\":\"x\"}");
    assertThat(badKind.statusCode()).isEqualTo(400);

    var badStatus = api.api("PATCH", "/api/v1/cases/" + ref, lina, "{\"status\":\"MAYBE\"}");
    assertThat(badStatus.statusCode()).isEqualTo(400);

    var badTag =
        api.api("PATCH", "/api/v1/cases/" + ref, lina, "{\"tags\":[\"no spaces allowed\"]}");
    assertThat(badTag.statusCode()).isEqualTo(400);
    assertThat(badTag.body()).contains("case.tag.invalid");

    var badAssignee = api.api("PATCH", "/api/v1/cases/" + ref, lina, "{\"assigneeId\":999999999}");
    assertThat(badAssignee.statusCode()).isEqualTo(400);

    var badView = api.api("GET", "/api/v1/cases?view=everything", lina, null);
    assertThat(badView.statusCode()).isEqualTo(400);

    var missingChannel =
        api.api("POST", "/api/v1/cases", lina, "{\"brandId\":" + mobile + ",\"message\":\"hi\"}");
    assertThat(missingChannel.statusCode()).isEqualTo(400);
    assertThat(missingChannel.body()).contains("\"field\":\"channelType\"");

    assertThat(api.api("GET", "/api/v1/cases/ACME-99999999", lina, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anAgentWithoutAccessToABrandCannotSeeOrTouchItsCases() {
    String homeCase = open(lina, home, "Robot vacuum offline");
    String sam = ApiTokens.of(port, "sam.taylor", ParleyTest.DEMO_PASSWORD);

    assertThat(api.api("GET", "/api/v1/cases/" + homeCase, sam, null).statusCode()).isEqualTo(404);
    assertThat(api.api("GET", "/api/v1/cases/" + homeCase + "/messages", sam, null).statusCode())
        .isEqualTo(404);
    assertThat(
            api.api(
                    "POST",
                    "/api/v1/cases/" + homeCase + "/messages",
                    sam,
                    "{\"kind\":\"NOTE\",\"body\":\"x\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            api.api("PATCH", "/api/v1/cases/" + homeCase, sam, "{\"status\":\"SOLVED\"}")
                .statusCode())
        .isEqualTo(404);
    var openForHome =
        api.api(
            "POST",
            "/api/v1/cases",
            sam,
            "{\"brandId\":" + home + ",\"channelType\":\"api\",\"message\":\"x\"}");
    assertThat(openForHome.statusCode()).isEqualTo(403);
    assertThat(openForHome.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(api.api("GET", "/api/v1/cases?view=all&size=100", sam, null).body())
        .doesNotContain("HOME-");
  }

  @Test
  void partnersAndCustomersHaveNoCaseApi() {
    String partner = ApiTokens.of(port, "fixit.partner", ParleyTest.DEMO_PASSWORD);

    var response = api.api("GET", "/api/v1/cases", partner, null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"status\":403");
  }

  @Test
  void mergingMovesTheConversationAndClosesTheSource() {
    String first = open(lina, mobile, "Phone will not charge");
    String second = open(lina, mobile, "Still not charging, second message");

    var merged = api.api("POST", "/api/v1/cases/" + second + "/merge-into/" + first, lina, null);

    assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
    assertThat(api.api("GET", "/api/v1/cases/" + first + "/messages", lina, null).body())
        .contains("Still not charging, second message");
    var source = api.api("GET", "/api/v1/cases/" + second, lina, null).body();
    assertThat(source)
        .contains("\"status\":\"CLOSED\"")
        .contains("\"mergedInto\":\"" + first + "\"");
    assertThat(
            api.api("POST", "/api/v1/cases/" + second + "/merge-into/" + first, lina, null)
                .statusCode())
        .isEqualTo(409);
    assertThat(
            api.api(
                    "POST",
                    "/api/v1/cases/" + second + "/messages",
                    lina,
                    "{\"kind\":\"REPLY\",\"body\":\"x\"}")
                .statusCode())
        .isEqualTo(409);
  }
}
