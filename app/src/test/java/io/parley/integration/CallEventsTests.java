package io.parley.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.MessageKind;
import io.parley.conversations.MessageView;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.PostalAddress;
import io.parley.customers.Tier;
import io.parley.identity.Brands;
import io.parley.identity.Users;
import io.parley.integration.internal.CallRepository;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The CTI endpoint: call events in, the caller recognised by number, the call logged on its case.
 */
@ParleyTest
class CallEventsTests {

  @LocalServerPort int port;
  @Autowired Customers customers;
  @Autowired CallEvents calls;
  @Autowired CallRepository callRecords;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired Users users;

  @Test
  void aCallOnACaseIsLoggedWithItsDurationWhenItEnds() {
    String mobile = "135" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    CustomerId caller =
        customers.register(
            new NewCustomer(
                "Liu Yang",
                null,
                Tier.STANDARD,
                List.of(),
                List.of(mobile),
                List.of(new PostalAddress("1 Rd", null, "成都", null, null, "CN")),
                List.of(),
                null));
    String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
    var api = new WebClient(port);
    var sam = users.findByUsername("sam.taylor").orElseThrow();
    assertThat(
            api.api("PUT", "/api/v1/cti/extensions/sam.taylor", token, "{\"extension\":\"8802\"}")
                .statusCode())
        .isEqualTo(204);
    String call = "c-" + UUID.randomUUID();
    Instant t0 = Instant.now();

    var ringing = event(api, token, "ringing", call, "+86 " + mobile, t0);
    assertThat(ringing.statusCode()).as(ringing.body()).isEqualTo(202);
    var record = callRecords.findByCallId(call).orElseThrow();
    assertThat(record.getCustomerId()).isEqualTo(caller.value());
    assertThat(record.getAgentUserId()).isEqualTo(sam.id().value());

    CaseView opened =
        calls.openCase(
            record.getId(), sam.id(), brands.findByCode("acme-mobile").orElseThrow().id(), null);
    assertThat(opened.customer()).isEqualTo(caller);

    var answered = event(api, token, "answered", call, "+86 " + mobile, t0.plusSeconds(3));
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);
    var ended = event(api, token, "ended", call, "+86 " + mobile, t0.plusSeconds(65));
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(202);
    // The phone system may repeat an event: the call is logged once.
    event(api, token, "ended", call, "+86 " + mobile, t0.plusSeconds(66));

    List<MessageView> notes =
        cases.messages(opened.id()).stream().filter(m -> m.kind() == MessageKind.NOTE).toList();
    assertThat(notes)
        .singleElement()
        .satisfies(n -> assertThat(n.body()).contains("duration 1:02"));
  }

  @Test
  void anInvalidEventIsRefusedWithAProblem() {
    String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
    var response =
        new WebClient(port)
            .api("POST", "/api/v1/cti/events", token, "{\"type\":\"exploded\",\"callId\":\"x\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"type\"");
  }

  private static java.net.http.HttpResponse<String> event(
      WebClient api, String token, String type, String call, String caller, Instant at) {
    return api.api(
        "POST",
        "/api/v1/cti/events",
        token,
        "{\"type\":\""
            + type
            + "\",\"callId\":\""
            + call
            + "\",\"caller\":\""
            + caller
            + "\",\"callee\":\"4008001234\",\"extension\":\"8802\",\"at\":\""
            + at
            + "\"}");
  }
}
