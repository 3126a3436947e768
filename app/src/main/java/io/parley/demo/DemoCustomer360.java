package io.parley.demo;

import io.parley.customers.Assets;
import io.parley.customers.CustomerSummary;
import io.parley.customers.Customers;
import io.parley.customers.NewAsset;
import io.parley.identity.Users;
import io.parley.integration.CallEvents;
import java.time.LocalDate;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * The demo company's products and phones: every other demo customer owns a product (some still in
 * warranty, some not), and li.na's desk phone is extension 1001. Runs once, after the demo data and
 * like it before the web server starts.
 */
@Component
class DemoCustomer360 extends io.parley.shared.BeforeWebServer {

  private final DemoData demo;
  private final Customers customers;
  private final Assets assets;
  private final Users users;
  private final CallEvents calls;

  DemoCustomer360(
      DemoData demo, Customers customers, Assets assets, Users users, CallEvents calls) {
    super(DEMO + 1);
    this.demo = demo;
    this.customers = customers;
    this.assets = assets;
    this.users = users;
    this.calls = calls;
  }

  @Override
  protected void run() {
    if (demo.enabled() && assets.count() == 0 && users.findByUsername("li.na").isPresent()) {
      create();
    }
  }

  private void create() {
    Random random = new Random(360);
    var list = customers.search("", 0, 100).items();
    for (int i = 0; i < list.size(); i += 2) {
      CustomerSummary c = list.get(i);
      LocalDate bought = LocalDate.now().minusDays(20 + random.nextInt(1100));
      assets.record(
          c.id(),
          new NewAsset(
              i % 4 == 0 ? "Acme Phone X" : "Acme Home Hub",
              String.format("ACME-SN-%06d", c.id().value()),
              String.format("AM%07d", c.id().value()),
              bought,
              i % 3 == 0 ? "Tmall" : "acme.example",
              bought.plusYears(2)));
    }
    calls.assignExtension(users.findByUsername("li.na").orElseThrow().id(), "1001");
  }
}
