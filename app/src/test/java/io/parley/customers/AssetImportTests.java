package io.parley.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An admin imports customers' products from CSV: checked line by line, safe to run twice. */
@ParleyTest
class AssetImportTests {

  @LocalServerPort int port;
  @Autowired Customers customers;
  @Autowired Assets assets;

  @Test
  void aFileWithMistakesImportsNothingAndSaysWhichLines() {
    CustomerId owner = owner();
    String serial = "SN-" + UUID.randomUUID();
    String csv =
        "customer,product,serial_number,purchase_date,channel,warranty_end,order_number\n"
            + "C-"
            + owner.value()
            + ",Acme Phone X,"
            + serial
            + ",2026-01-05,Tmall,2028-01-05,A-1\n"
            + "nobody@example.invalid,Acme Buds 2,SN-X-"
            + UUID.randomUUID()
            + ",2026-01-05,JD,,\n"
            + "C-"
            + owner.value()
            + ",Acme Buds 2,SN-Y-"
            + UUID.randomUUID()
            + ",5 Jan 2026,JD,,\n"
            + "C-"
            + owner.value()
            + ",Acme Case,"
            + serial
            + ",2026-01-05,JD,,\n";

    var page = upload(csv);

    assertThat(page).contains("Nothing was imported: 3 problem(s)");
    assertThat(page).contains("Line 3").contains("nobody@example.invalid");
    assertThat(page).contains("Line 4").contains("5 Jan 2026");
    assertThat(page).contains("Line 5").contains("appears twice");
    assertThat(assets.ofCustomer(owner)).isEmpty();
  }

  @Test
  void importingTheSameFileTwiceUpdatesInsteadOfDuplicating() {
    CustomerId owner = owner();
    String phone = customers.find(owner).orElseThrow().phones().get(0);
    String csv =
        "\uFEFFcustomer,product,serial_number,purchase_date,channel,warranty_end,order_number\n"
            + "C-"
            + owner.value()
            + ",Acme Phone X,SN-"
            + UUID.randomUUID()
            + ",2026-01-05,Tmall,2028-01-05,A-1\n"
            + "\""
            + phone
            + "\",\"Acme Buds 2, white\",SN-"
            + UUID.randomUUID()
            + ",2025-02-01,JD,2026-02-01,\n";

    assertThat(upload(csv)).contains("Imported: 2 new, 0 updated.");
    assertThat(upload(csv)).contains("Imported: 0 new, 2 updated.");

    List<AssetView> owned = assets.ofCustomer(owner);
    assertThat(owned)
        .extracting(AssetView::product)
        .containsExactly("Acme Phone X", "Acme Buds 2, white");
    assertThat(customers.find(owner).orElseThrow().stage()).isEqualTo(Stage.CUSTOMER);
  }

  private String upload(String csv) {
    var admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    admin.get("/admin/assets");
    var response =
        admin.postMultipart(
            "/admin/assets",
            Map.of(),
            List.of(
                new WebClient.Upload(
                    "file", "assets.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8))));
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private CustomerId owner() {
    return customers.register(
        new NewCustomer(
            "Owner " + UUID.randomUUID(),
            null,
            Tier.STANDARD,
            List.of(),
            List.of("+86 136" + String.format("%08d", (long) (Math.random() * 100_000_000L))),
            List.of(),
            List.of(),
            null));
  }
}
