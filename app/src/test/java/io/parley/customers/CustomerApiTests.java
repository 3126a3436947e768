package io.parley.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ParleyTest
class CustomerApiTests {

  @LocalServerPort int port;
  WebClient agent;
  String token;

  @BeforeEach
  void signIn() {
    agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    token = io.parley.support.ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD);
  }

  @Test
  void registersACustomerWithSocialIdentitiesAndFindsThemAgain() {
    var created =
        agent.api(
            "POST",
            "/api/v1/customers",
            token,
            """
            {"displayName":"赵云","language":"zh-CN","tier":"VIP",
             "emails":["Zhao.Yun@Example.cn"],"phones":["+86 139 0000 1111"],
             "addresses":[{"line1":"长坂坡路 1 号","city":"襄阳","country":"CN"}],
             "socialIdentities":[{"network":"weibo","externalId":"7001002003","handle":"zhaoyun_zilong","displayName":"赵子龙","followerCount":321}]}
            """);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location").orElseThrow())
        .matches(".*/api/v1/customers/\\d+");
    assertThat(created.body()).contains("zhao.yun@example.cn").contains("zhaoyun_zilong");

    var found = agent.api("GET", "/api/v1/customers?q=zhaoyun_zilong", token, null);
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).contains("赵云").contains("\"total\":1");
  }

  @Test
  void findsAChineseNameByItsPinyinWithOrWithoutSpaces() {
    var created = agent.api("POST", "/api/v1/customers", token, "{\"displayName\":\"王军\"}");
    String location = created.headers().firstValue("Location").orElseThrow();
    String id = location.substring(location.lastIndexOf('/') + 1);

    for (String q : java.util.List.of("wangjun", "wang%20jun", "Wang%20Jun")) {
      var found = agent.api("GET", "/api/v1/customers?size=100&q=" + q, token, null);
      assertThat(found.body()).as(q).contains("{\"id\":{\"value\":" + id + "}");
    }
    assertThat(agent.api("GET", "/api/v1/customers?size=100&q=wang%20li", token, null).body())
        .doesNotContain("{\"value\":" + id + "}");

    // The console's list shows 25 a page: a name no other test gives.
    var ouyangFeng = agent.api("POST", "/api/v1/customers", token, "{\"displayName\":\"欧阳锋\"}");
    String path =
        java.net
            .URI
            .create(ouyangFeng.headers().firstValue("Location").orElseThrow())
            .getPath()
            .replace("/api/v1", "");
    assertThat(agent.get("/customers?q=Ouyang+Feng").body()).contains(path + "\"");
  }

  @Test
  void aQueryOfOnlySeparatorsDoesNotFindEveryone() {
    var created = agent.api("POST", "/api/v1/customers", token, "{\"displayName\":\"诸葛亮\"}");
    String location = created.headers().firstValue("Location").orElseThrow();
    String id = location.substring(location.lastIndexOf('/') + 1);

    for (String q : java.util.List.of(".", "-", "%20.%20")) {
      var found = agent.api("GET", "/api/v1/customers?size=100&q=" + q, token, null);
      assertThat(found.statusCode()).as(q).isEqualTo(200);
      assertThat(found.body()).as(q).doesNotContain("{\"id\":{\"value\":" + id + "}");
    }
  }

  @Test
  void percentAndUnderscoreInAQueryAreThemselvesNotWildcards() {
    String plain = created("{\"displayName\":\"Quillon Axb 70\"}");
    String underscore = created("{\"displayName\":\"Quillon A_b\"}");
    String percent = created("{\"displayName\":\"Quillon 7% off\"}");

    for (String q : java.util.List.of("_", "%25", "a_b", "7%25", "Quillon%20%25")) {
      assertThat(found(q)).as(q).doesNotContain(plain);
    }
    assertThat(found("a_b")).contains(underscore).doesNotContain(percent);
    assertThat(found("7%25")).contains(percent).doesNotContain(underscore);
  }

  @Test
  void findsAChineseNameWrittenGivenNameFirst() {
    String wangJun = created("{\"displayName\":\"王军\"}");
    // Reads "wangjunhao": the given name first would be "Junhao Wang".
    String wangJunhao = created("{\"displayName\":\"王军浩\"}");

    var page = agent.api("GET", "/api/v1/customers?size=100&q=Jun%20Wang", token, null).body();

    assertThat(page).contains(wangJun).doesNotContain(wangJunhao);
    var names = java.util.regex.Pattern.compile("\"displayName\":\"([^\"]*)\"").matcher(page);
    java.util.List<String> listed = new java.util.ArrayList<>();
    while (names.find()) {
      listed.add(names.group(1));
    }
    assertThat(listed)
        .as("王军, or the name in Latin letters")
        .isNotEmpty()
        .allMatch(n -> java.util.Set.of("王军", "jun wang", "wang jun").contains(n.toLowerCase()));
    assertThat(found("Junhao%20Wang")).contains(wangJunhao).doesNotContain(wangJun);
  }

  /** The marker by which a list holds the customer this created. */
  private String created(String json) {
    var response = agent.api("POST", "/api/v1/customers", token, json);
    assertThat(response.statusCode()).isEqualTo(201);
    String location = response.headers().firstValue("Location").orElseThrow();
    return "{\"id\":{\"value\":" + location.substring(location.lastIndexOf('/') + 1) + "}";
  }

  private String found(String q) {
    var response = agent.api("GET", "/api/v1/customers?size=100&q=" + q, token, null);
    assertThat(response.statusCode()).as(q).isEqualTo(200);
    return response.body();
  }

  @Test
  void updatesAProfileAndAddsAnIdentity() {
    var created =
        agent.api(
            "POST",
            "/api/v1/customers",
            token,
            "{\"displayName\":\"Ada\",\"emails\":[\"ada@example.com\"]}");
    String location = created.headers().firstValue("Location").orElseThrow();
    String path = java.net.URI.create(location).getPath();

    var updated =
        agent.api(
            "PUT",
            path,
            token,
            "{\"displayName\":\"Ada Lovelace\",\"tier\":\"VIP\",\"emails\":[\"ada@example.com\",\"countess@example.org\"],\"phones\":[\"+44 20 7946 0000\"]}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(updated.body())
        .contains("Ada Lovelace")
        .contains("countess@example.org")
        .contains("\"tier\":\"VIP\"");

    var identity =
        agent.api(
            "POST",
            path + "/identities",
            token,
            "{\"network\":\"mastodon\",\"externalId\":\"109999\",\"handle\":\"ada@mastodon.social\"}");
    assertThat(identity.statusCode()).isEqualTo(201);
    assertThat(agent.api("GET", path, token, null).body()).contains("ada@mastodon.social");
    assertThat(
            agent
                .api(
                    "POST",
                    path + "/identities",
                    token,
                    "{\"network\":\"mastodon\",\"externalId\":\"109999\"}")
                .statusCode())
        .isEqualTo(409);
    assertThat(
            agent
                .api("PUT", "/api/v1/customers/987654321", token, "{\"displayName\":\"X\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(agent.api("PUT", path, token, "{\"displayName\":\"\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void aSocialIdentityBelongsToOneCustomerOnly() {
    String body =
        """
        {"displayName":"%s","socialIdentities":[{"network":"x","externalId":"1999000111"}]}
        """;
    assertThat(agent.api("POST", "/api/v1/customers", token, body.formatted("First")).statusCode())
        .isEqualTo(201);

    var second = agent.api("POST", "/api/v1/customers", token, body.formatted("Second"));

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(second.body()).contains("1999000111").contains("customer.identity.taken");
  }

  @Test
  void invalidInputIsA400ProblemNamingTheFields() {
    var missingName = agent.api("POST", "/api/v1/customers", token, "{\"displayName\":\"\"}");
    assertThat(missingName.statusCode()).isEqualTo(400);
    assertThat(missingName.body()).contains("\"field\":\"displayName\"");

    var badEmail =
        agent.api(
            "POST", "/api/v1/customers", token, "{\"displayName\":\"X\",\"emails\":[\"nope\"]}");
    assertThat(badEmail.statusCode()).isEqualTo(400);
    assertThat(badEmail.body()).contains("'nope' is not a valid email address");

    var malformed = agent.api("POST", "/api/v1/customers", token, "{not json");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");

    assertThat(agent.api("GET", "/api/v1/customers/987654321", token, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void consoleFormCreatesAndEditsACustomer() {
    agent.get("/customers/new");
    var created =
        agent.post(
            "/customers",
            Map.of(
                "displayName", "Grace Hopper",
                "language", "en",
                "tier", "GOLD",
                "emails", "grace@example.com",
                "phones", "+1 555 0100",
                "line1", "1 Navy Way",
                "city", "Arlington",
                "country", "us"));
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches(".*/customers/\\d+");
    String path = java.net.URI.create(location).getPath();

    agent.get(path + "/edit");
    agent.post(
        path,
        Map.of(
            "displayName", "Grace B. Hopper",
            "tier", "VIP",
            "emails", "grace@example.com\ngrace.hopper@example.org",
            "line1", "1 Navy Way",
            "country", "US"));

    String profile = agent.get(path).body();
    assertThat(profile).contains("Grace B. Hopper").contains("grace.hopper@example.org");

    agent.get(path + "/edit");
    var invalid = agent.post(path, Map.of("displayName", "Grace", "emails", "not-an-email"));
    assertThat(invalid.statusCode()).isEqualTo(200);
    assertThat(invalid.body()).contains("is not a valid email address");
  }
}
