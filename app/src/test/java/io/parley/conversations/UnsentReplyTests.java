package io.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.identity.Brands;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A reply that cannot go out says why on the case page, not only in a tooltip. */
@ParleyTest
class UnsentReplyTests {

  @LocalServerPort int port;
  @Autowired Brands brands;
  @Autowired Cases cases;

  @Test
  void anAgentReadsWhyTheirReplyWasNotSentBesideIt() {
    String token = ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD);
    long mobile = brands.findByCode("acme-mobile").orElseThrow().id().value();
    var api = new WebClient(port);
    // Opened through the API without a customer: there is nobody to send a reply to.
    var created =
        api.api(
            "POST",
            "/api/v1/cases",
            token,
            "{\"brandId\":%d,\"channelType\":\"api\",\"message\":\"No reply address\"}"
                .formatted(mobile));
    var ref = Pattern.compile("\"reference\":\"([A-Z]+-\\d+)\"").matcher(created.body());
    assertThat(ref.find()).as(created.body()).isTrue();
    io.parley.support.Routed.settled(cases, cases.findByReference(ref.group(1)).orElseThrow());
    api.api(
        "POST",
        "/api/v1/cases/" + ref.group(1) + "/messages",
        token,
        "{\"kind\":\"REPLY\",\"body\":\"We are on it\"}");

    var agent = new WebClient(port).language("zh-CN");
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    String page = agent.get("/cases/" + ref.group(1)).body();

    assertThat(page)
        .contains(">未发送<")
        .containsPattern("class=\"delivery-reason\"[^>]*>客户没有可发送的地址。<");
  }
}
