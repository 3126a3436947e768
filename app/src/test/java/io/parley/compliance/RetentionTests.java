package io.parley.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.InboundAttachment;
import io.parley.compliance.internal.Erasure;
import io.parley.compliance.internal.Retention;
import io.parley.compliance.internal.RetentionSweep;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.NewCase;
import io.parley.conversations.internal.AttachmentStore;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.Tier;
import io.parley.identity.BrandId;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.support.ParleyTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A brand's retention period pseudonymizes the texts of done cases once it has passed (nothing is
 * deleted, and it is audited); a legal hold stops both the sweep and erasures.
 */
@ParleyTest
class RetentionTests {

  @Autowired Brands brands;
  @Autowired Customers customers;
  @Autowired Cases cases;
  @Autowired Users users;
  @Autowired Retention retention;
  @Autowired RetentionSweep sweep;
  @Autowired Erasure erasure;
  @Autowired AttachmentStore attachments;
  @Autowired JdbcTemplate jdbc;

  @org.springframework.beans.factory.annotation.Value("${parley.conversations.attachment-dir}")
  String attachmentDir;

  @Test
  void pastRetentionTextsArePseudonymizedUnlessTheBrandIsOnLegalHold() throws Exception {
    BrandId kept =
        brands
            .findByCode("retention-kept")
            .orElseGet(() -> brands.register("retention-kept", "Retention Kept", "RTK"))
            .id();
    BrandId held =
        brands
            .findByCode("retention-held")
            .orElseGet(() -> brands.register("retention-held", "Retention Held", "RTH"))
            .id();
    CaseView expiring = solvedCase(kept, "Old complaint about my bill");
    CaseView onHold = solvedCase(held, "Old complaint under investigation");
    long message = cases.messages(expiring.id()).get(0).id();
    attachments.storeInbound(
        message,
        expiring.id().value(),
        List.of(
            new InboundAttachment(
                "bill-" + message + ".txt",
                "text/plain",
                ("Bill of message " + message).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null)));
    String sha =
        jdbc.queryForObject(
            "select sha256 from conversations_attachment where message_id = ?",
            String.class,
            message);
    ErasureTests.uploadedLongAgo(
        java.nio.file.Path.of(attachmentDir).resolve(sha.substring(0, 2)).resolve(sha));
    assertThat(retention.set(kept, 30, false, null)).isTrue();
    assertThat(retention.set(held, 30, true, null)).as("a hold needs a reason").isFalse();
    assertThat(retention.set(held, 30, true, "Regulator inquiry 2026-17")).isTrue();

    assertThat(sweep.sweep(Instant.now().plus(Duration.ofDays(10)))).isZero();
    int swept = sweep.sweep(Instant.now().plus(Duration.ofDays(31)));
    assertThat(swept).isGreaterThanOrEqualTo(1);

    assertThat(cases.messages(expiring.id()))
        .allSatisfy(m -> assertThat(m.body()).isEqualTo("[expired]"));
    assertThat(cases.find(expiring.id()).orElseThrow().subject()).isEqualTo("[expired]");
    assertThat(
            jdbc.queryForMap(
                "select filename, sha256, erased_at from conversations_attachment"
                    + " where message_id = ?",
                message))
        .containsEntry("filename", "[expired]")
        .containsEntry("sha256", null)
        .extractingByKey("erased_at")
        .isNotNull();
    assertThat(cases.messages(onHold.id()))
        .anySatisfy(m -> assertThat(m.body()).contains("under investigation"));

    UserId admin = users.findByUsername("admin").orElseThrow().id();
    var refused = erasure.erase(onHold.customer(), admin);
    assertThat(refused.erased()).isFalse();
    assertThat(refused.refusedBecause()).isEqualTo("compliance.erase.legalHold");
  }

  @Test
  void closedCasesExpireAndACustomerWithAClosedCaseIsErased() {
    BrandId brand =
        brands
            .findByCode("retention-closed")
            .orElseGet(() -> brands.register("retention-closed", "Retention Closed", "RTC"))
            .id();
    CaseView expiring = solvedCase(brand, "Closed long ago about my router");
    cases.changeStatus(expiring.id(), CaseStatus.CLOSED, Instant.now());
    CaseView erasing = solvedCase(brand, "Closed case of a customer who asks to be forgotten");
    cases.changeStatus(erasing.id(), CaseStatus.CLOSED, Instant.now());

    UserId admin = users.findByUsername("admin").orElseThrow().id();
    var erased = erasure.erase(erasing.customer(), admin);
    assertThat(erased.erased()).as(String.valueOf(erased.refusedBecause())).isTrue();
    assertThat(cases.find(erasing.id()).orElseThrow().subject()).isEqualTo("[erased]");

    assertThat(retention.set(brand, 30, false, null)).isTrue();
    assertThat(sweep.sweep(Instant.now().plus(Duration.ofDays(31)))).isGreaterThanOrEqualTo(1);
    assertThat(cases.find(expiring.id()).orElseThrow().subject()).isEqualTo("[expired]");
    assertThat(cases.messages(expiring.id()))
        .allSatisfy(m -> assertThat(m.body()).isEqualTo("[expired]"));
  }

  private CaseView solvedCase(BrandId brand, String text) {
    CustomerId customer =
        customers.register(
            new NewCustomer(
                "Retention Customer",
                "en",
                Tier.STANDARD,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null));
    CaseView aCase =
        cases.open(
            new NewCase(brand, text, null, customer, null, "phone", text + " (details)", null));
    cases.changeStatus(aCase.id(), CaseStatus.SOLVED, Instant.now());
    return aCase;
  }
}
