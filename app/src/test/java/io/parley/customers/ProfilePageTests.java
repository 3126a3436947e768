package io.parley.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The customer's profile tells them apart at a glance, saying each thing once. */
@ParleyTest
class ProfilePageTests {

  @LocalServerPort int port;
  @Autowired Customers customers;

  @Test
  void theCustomerNumberIsShownOnceBesideCityPhoneAndEmail() {
    CustomerId id =
        customers.register(
            new NewCustomer(
                "王军",
                null,
                Tier.STANDARD,
                List.of("wang.jun.profile@example.cn"),
                List.of("+86 138 0013 8000"),
                List.of(new PostalAddress("1 Road", null, "上海", null, null, "CN")),
                List.of(),
                null));
    String number = String.format("C-%06d", id.value());
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);

    String page = agent.get("/customers/" + id.value()).body();

    var hint =
        Pattern.compile("<p class=\"muted\" data-testid=\"hint\">(.*?)</p>", Pattern.DOTALL)
            .matcher(page);
    assertThat(hint.find()).isTrue();
    assertThat(hint.group(1)).contains(number, "上海", "****");
    assertThat(hint.group(1).split(number, -1)).as("the number once").hasSize(2);
  }

  @Test
  void convertingACustomerWhoIsNoLongerThereIsNotFound() {
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    agent.get("/customers");

    assertThat(agent.post("/customers/99999999/convert", java.util.Map.of()).statusCode())
        .isEqualTo(404);
  }
}
