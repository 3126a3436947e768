package io.parley.compliance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.InboundAttachment;
import io.parley.compliance.internal.AuditChain;
import io.parley.compliance.internal.AuditExports;
import io.parley.compliance.internal.AuditLog;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.MessageKind;
import io.parley.conversations.NewCase;
import io.parley.conversations.internal.AttachmentStore;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.SocialIdentityData;
import io.parley.customers.Tier;
import io.parley.identity.BrandId;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasing a customer leaves nothing of them readable anywhere in the database (every row of every
 * table is searched), in the search index or in exports, while the audit trail keeps every row and
 * its hash chain still verifies: their data in it was encrypted under a key that is now gone.
 */
@ParleyTest
class ErasureTests {

  @LocalServerPort int port;
  @Autowired Customers customers;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired Users users;
  @Autowired AuditChain chain;
  @Autowired AuditLog log;
  @Autowired AuditExports exports;
  @Autowired JdbcTemplate jdbc;
  @Autowired JsonMapper json;
  @Autowired AttachmentStore attachments;

  @Value("${parley.conversations.attachment-dir}")
  String attachmentDir;

  @Test
  void erasureLeavesNoPersonalDataReadableAndTheChainStillVerifies() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String name = "Lin Xiaoyu " + tag;
    String email = "lin.xiaoyu." + tag + "@example.net";
    String idNumber = "11010119900307" + tag.substring(0, 4);
    String handle = "@linxy_" + tag;
    String weiboId = "weibo-" + tag;
    int phoneEnd = 1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(9000);
    List<String> personal =
        List.of(
            name,
            email,
            idNumber,
            handle,
            weiboId,
            "Xiaoyu " + tag,
            "138 0013 " + phoneEnd,
            "1380013" + phoneEnd);

    CustomerId customer =
        customers.register(
            new NewCustomer(
                name,
                "zh-CN",
                Tier.VIP,
                List.of(email),
                List.of("+86 138 0013 " + phoneEnd),
                List.of(),
                List.of(new SocialIdentityData("weibo", weiboId, handle, name, null, null, null)),
                "Prefers calls after 18:00 " + tag));
    BrandId brand =
        brands.all().stream()
            .filter(b -> b.casePrefix().equals("ACME"))
            .findFirst()
            .orElseThrow()
            .id();
    UserId agent = users.findByUsername("li.na").orElseThrow().id();
    UserId admin = users.findByUsername("admin").orElseThrow().id();
    CaseView aCase =
        cases.open(
            new NewCase(
                brand,
                "Refund for " + name,
                null,
                customer,
                null,
                "phone",
                "My ID card number is " + idNumber + ", please refund.",
                null));
    cases.addMessage(
        aCase.id(),
        MessageKind.INBOUND,
        customer,
        null,
        "Reach me at " + email + " " + handle,
        null);
    long reply = cases.note(aCase.id(), agent, "Called " + name + " back about " + idNumber).id();
    cases.reviseMessage(reply, agent, "Called Xiaoyu " + tag + " back.", "typo");
    customers.open(customer, admin, "console");

    var before = exports.ofCustomer(customer).orElseThrow();
    assertThat(json.writeValueAsString(before)).contains(idNumber).contains(email).contains(name);
    assertThat(log.ofCustomer(customer.value()))
        .anySatisfy(l -> assertThat(l.after()).contains(idNumber));
    assertThat(rowsMentioning(personal)).isNotEmpty();
    CurrentUser viewer = new CurrentUser(admin, "admin", "Admin", Role.ADMIN, Set.of());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                cases.search(idNumber, viewer, 0, 10).items().stream()
                    .anyMatch(c -> c.id().equals(aCase.id())));

    String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
    var erased =
        new WebClient(port)
            .api(
                "POST", "/api/v1/compliance/customers/" + customer.value() + "/erasure", token, "");
    assertThat(erased.statusCode()).isEqualTo(200);
    assertThat(erased.body()).contains("\"erased\":true");

    assertThat(rowsMentioning(personal)).as("rows still holding personal data").isEmpty();
    assertThat(json.writeValueAsString(exports.ofCustomer(customer).orElseThrow()))
        .doesNotContain(idNumber)
        .doesNotContain(email)
        .doesNotContain(name)
        .doesNotContain(handle);
    assertThat(log.ofCustomer(customer.value()))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(String.valueOf(l.after())).doesNotContain(idNumber));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from compliance_audit_entry where customer_id = ?",
                Long.class,
                customer.value()))
        .as("audit rows stay")
        .isGreaterThan(3);
    await()
        .atMost(Duration.ofSeconds(20))
        .alias("the erased words no longer find the case")
        .until(() -> cases.search(idNumber, viewer, 0, 10).items().isEmpty());
    assertThat(chain.verify().intact()).isTrue();
  }

  @Test
  void erasureDeletesTheCustomersFilesButKeepsTheSameBytesSentByAnother() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String name = "Zhao Lei " + tag;
    String idCardFile = "id-card-zhao-lei-" + tag + ".txt";
    byte[] idCard = ("Resident ID card of " + name + ": 1101011988" + tag).getBytes(UTF_8);
    byte[] manual = ("Acme X2 user manual, page 12 (" + tag + ")").getBytes(UTF_8);
    BrandId brand = brands.findByCode("acme-mobile").orElseThrow().id();
    CaseView theirs = caseOf(customerNamed(name), brand, "Scans attached.");
    CaseView another = caseOf(customerNamed("Sun Mei " + tag), brand, "The manual you sent.");
    long theirMessage = cases.messages(theirs.id()).get(0).id();
    long anotherMessage = cases.messages(another.id()).get(0).id();
    attachments.storeInbound(
        theirMessage,
        theirs.id().value(),
        List.of(
            new InboundAttachment(idCardFile, "text/plain", idCard, null),
            new InboundAttachment("manual.txt", "text/plain", manual, null)));
    attachments.storeInbound(
        anotherMessage,
        another.id().value(),
        List.of(new InboundAttachment("manual.txt", "text/plain", manual, null)));
    long idCardId = attachmentId(theirMessage, idCardFile);
    long theirManualId = attachmentId(theirMessage, "manual.txt");
    long anotherManualId = attachmentId(anotherMessage, "manual.txt");
    Path idCardPath = fileOf(idCardId);
    Path manualPath = fileOf(anotherManualId);
    assertThat(idCardPath).hasBinaryContent(idCard);
    assertThat(fileOf(theirManualId)).isEqualTo(manualPath);
    uploadedLongAgo(idCardPath);
    uploadedLongAgo(manualPath);

    String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
    var erased =
        new WebClient(port)
            .api(
                "POST",
                "/api/v1/compliance/customers/" + theirs.customer().value() + "/erasure",
                token,
                "");
    assertThat(erased.statusCode()).isEqualTo(200);
    assertThat(erased.body()).contains("\"attachments\":2");

    assertThat(idCardPath).as("their file's bytes").doesNotExist();
    assertThat(rowsMentioning(List.of(name, idCardFile))).isEmpty();
    assertThat(manualPath).as("the same bytes, another customer's file").hasBinaryContent(manual);
    assertThat(
            jdbc.queryForObject(
                "select filename from conversations_attachment where id = ?",
                String.class,
                anotherManualId))
        .isEqualTo("manual.txt");

    var console = new WebClient(port);
    console.login("admin", ParleyTest.ADMIN_PASSWORD);
    assertThat(console.get(downloadOf(theirs, idCardId)).statusCode()).isEqualTo(410);
    var kept = console.get(downloadOf(another, anotherManualId));
    assertThat(kept.statusCode()).isEqualTo(200);
    assertThat(kept.body()).isEqualTo(new String(manual, UTF_8));
    assertThat(console.get("/cases/" + theirs.reference()).body())
        .contains("data-testid=\"attachment-erased\"")
        .doesNotContain(idCardFile);

    // Once nothing live shares the bytes any more, the hourly sweep deletes them too; not while
    // an upload used the same bytes moments ago (its row may not be committed yet).
    jdbc.update(
        "update conversations_attachment set erased_at = current_timestamp where id = ?",
        anotherManualId);
    Files.setLastModifiedTime(manualPath, FileTime.from(Instant.now()));
    attachments.sweepErased();
    assertThat(manualPath).hasBinaryContent(manual);
    uploadedLongAgo(manualPath);
    attachments.sweepErased();
    assertThat(manualPath).doesNotExist();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_attachment where id in (?, ?, ?)"
                    + " and sha256 is null",
                Integer.class,
                idCardId,
                theirManualId,
                anotherManualId))
        .isEqualTo(3);
  }

  static void uploadedLongAgo(Path file) throws java.io.IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
  }

  private CustomerId customerNamed(String name) {
    return customers.register(
        new NewCustomer(
            name, "zh-CN", Tier.STANDARD, List.of(), List.of(), List.of(), List.of(), null));
  }

  private CaseView caseOf(CustomerId customer, BrandId brand, String text) {
    return cases.open(new NewCase(brand, text, null, customer, null, "email", text, null));
  }

  private long attachmentId(long messageId, String filename) {
    return jdbc.queryForObject(
        "select id from conversations_attachment where message_id = ? and filename = ?",
        Long.class,
        messageId,
        filename);
  }

  private Path fileOf(long attachmentId) {
    String sha =
        jdbc.queryForObject(
            "select sha256 from conversations_attachment where id = ?", String.class, attachmentId);
    return Path.of(attachmentDir).resolve(sha.substring(0, 2)).resolve(sha);
  }

  private static String downloadOf(CaseView aCase, long attachmentId) {
    return "/cases/" + aCase.reference() + "/attachments/" + attachmentId;
  }

  /** Every row of every table whose text holds one of {@code needles}, as "table: row". */
  private List<String> rowsMentioning(List<String> needles) {
    List<String> found = new ArrayList<>();
    for (String table :
        jdbc.queryForList(
            "select table_name from information_schema.tables"
                + " where table_schema = 'public' and table_type = 'BASE TABLE'",
            String.class)) {
      for (String needle : needles) {
        for (String row :
            jdbc.queryForList(
                "select t::text from \"" + table + "\" t where t::text like ?",
                String.class,
                "%" + needle + "%")) {
          found.add(table + ": " + row);
        }
      }
    }
    return found;
  }
}
