package io.parley.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.NewCase;
import io.parley.conversations.Priority;
import io.parley.identity.Brands;
import io.parley.support.ParleyTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who is who: links only on evidence a channel vouches for, scored suggestions for the rest (never
 * merged on their own), and merges that can be undone exactly.
 */
@ParleyTest
class IdentityResolutionTests {

  @Autowired Customers customers;
  @Autowired IdentityResolution resolution;
  @Autowired Assets assets;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aCallerIsLinkedByTheirNumberWhateverItsFormat() {
    String national = uniqueMobile();
    CustomerId known =
        register("李雷", "li.lei." + national + "@example.cn", "+86 " + national, "北京");

    CustomerId caller =
        customers.resolveContact(
            phoneContact("0086 " + national.substring(0, 3) + " " + national.substring(3)));

    assertThat(caller).isEqualTo(known);
    assertThat(customers.findByPhone(national))
        .extracting(CustomerSummary::id)
        .containsExactly(known);
  }

  @Test
  void aSignedWebChatVisitorIsLinkedToTheirCrmRecord() {
    CustomerId known = register("Ada Lovelace", null, null, "London");
    String crm = "crm-" + UUID.randomUUID();
    customers.linkCrm(known, crm);

    CustomerId visitor =
        customers.resolveContact(
            new Contact("webchat", "company:" + crm, null, "Ada", "ada@elsewhere.example", null));

    assertThat(visitor).isEqualTo(known);
    assertThat(customers.find(known).orElseThrow().stage()).isEqualTo(Stage.CUSTOMER);
  }

  @Test
  void anOrderNumberTheCustomerGivesLinksThemToItsBuyer() {
    CustomerId buyer = register("周杰", null, "+86 " + uniqueMobile(), "台北");
    String order = "SO" + (100000 + (int) (Math.random() * 800000));
    assets.record(
        buyer,
        new NewAsset(
            "Acme Buds 2",
            "SN-" + UUID.randomUUID(),
            order,
            LocalDate.of(2026, 1, 5),
            "Tmall",
            null));

    CustomerId writer =
        customers.resolveContact(
            new Contact(
                "webform",
                "form-" + UUID.randomUUID(),
                null,
                "Jay",
                null,
                null,
                null,
                order,
                null,
                null));

    assertThat(writer).isEqualTo(buyer);
  }

  @Test
  void anEmailTypedIntoAChatIsASuggestionNotProof() {
    String email = "grace." + UUID.randomUUID() + "@example.com";
    CustomerId known = register("Grace Hopper", email, null, "Arlington");

    CustomerId visitor =
        customers.resolveContact(
            new Contact("webchat", "v-" + UUID.randomUUID(), null, "Grace", email, null));

    assertThat(visitor).isNotEqualTo(known);
    // A new contact is compared with the others right after its transaction commits.
    await().atMost(Duration.ofSeconds(30)).until(() -> !resolution.candidates(visitor).isEmpty());
    assertThat(resolution.candidates(visitor))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.candidate().id()).isEqualTo(known);
              assertThat(m.reasons()).contains("match.email");
            });
    assertThat(customers.resolveContact(new Contact("email", email, email, "Grace", email, null)))
        .as("the sender of an email is its address")
        .isEqualTo(known);
  }

  @Test
  void namesakesAreOfferedScoredNeverMerged() {
    CustomerId shanghai = register("王军", null, "+86 " + uniqueMobile(), "上海");
    CustomerId beijing = register("王军", null, "+86 " + uniqueMobile(), "北京");
    String order = "A-" + (10000 + (int) (Math.random() * 80000));
    assets.record(
        beijing,
        new NewAsset(
            "Acme Phone X",
            "SN-" + UUID.randomUUID(),
            order,
            LocalDate.of(2025, 6, 1),
            "JD",
            LocalDate.of(2027, 6, 1)));

    String weiboId = "weibo-" + UUID.randomUUID();
    CustomerId writer =
        customers.resolveContact(
            new Contact(
                "weibo",
                weiboId,
                "wangjun_1988",
                "王军",
                null,
                null,
                null,
                null,
                "北京市",
                "我的订单 " + order + " 一直没有发货"));

    assertThat(writer).as("a new contact, not merged").isNotIn(shanghai, beijing);
    await().atMost(Duration.ofSeconds(30)).until(() -> resolution.candidates(writer).size() >= 2);
    List<MatchCandidate> offered = resolution.candidates(writer);
    assertThat(offered).extracting(m -> m.candidate().id()).contains(shanghai, beijing);
    MatchCandidate best = offered.get(0);
    assertThat(best.candidate().id()).isEqualTo(beijing);
    assertThat(best.reasons()).contains("match.name", "match.order", "match.location");
    MatchCandidate namesake =
        offered.stream().filter(m -> m.candidate().id().equals(shanghai)).findFirst().orElseThrow();
    assertThat(namesake.reasons()).containsExactly("match.name");
    assertThat(namesake.score()).isLessThan(best.score());
    // The two are told apart at a glance: number, city, masked phone.
    assertThat(best.candidate().distinguishingHint()).contains("北京").contains("****");
    assertThat(namesake.candidate().distinguishingHint()).contains("上海");
    assertThat(best.candidate().customerNumber())
        .isNotEqualTo(namesake.candidate().customerNumber());

    resolution.dismiss(namesake.id(), null);
    resolution.confirm(best.id(), null);

    assertThat(customers.findBySocialIdentity("weibo", weiboId)).contains(beijing);
    assertThat(resolution.candidates(beijing))
        .extracting(m -> m.candidate().id())
        .doesNotContain(shanghai);
  }

  @Test
  void aHandleAlikeOnAnotherNetworkIsOfferedWhateverItsDigitsAndSeparators() {
    // Letters only, so no other test's handle shares the key.
    String stem = "ada" + letters(10);
    CustomerId known = register("Ada Lovelace", null, null, "London");
    customers.addSocialIdentity(
        known,
        new SocialIdentityData(
            "x", "x-" + UUID.randomUUID(), stem + "_1815", "Ada", null, null, 5L));

    CustomerId writer =
        customers.resolveContact(
            new Contact(
                "mastodon",
                "m-" + UUID.randomUUID(),
                "@" + stem.toUpperCase(java.util.Locale.ROOT) + "1815",
                "A. L.",
                null,
                null,
                null,
                null,
                "London, UK",
                "My hub keeps dropping off the network"));

    assertThat(writer).isNotEqualTo(known);
    await().atMost(Duration.ofSeconds(30)).until(() -> !resolution.candidates(writer).isEmpty());
    assertThat(resolution.candidates(writer))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.candidate().id()).isEqualTo(known);
              assertThat(m.reasons()).containsExactly("match.handle", "match.location");
            });
  }

  @Test
  void aNamesakeIsFoundAmongManyOlderCustomersWithTheSameFirstLetters() {
    // Letters only, so no other test's names share the first letters.
    String stem = "Qz" + letters(6);
    for (int i = 0; i < 60; i++) {
      register(stem + " Other" + (char) ('a' + i % 26) + (char) ('a' + i / 26), null, null, "Oslo");
    }
    CustomerId namesake = register(stem + " Jun", null, "+86 " + uniqueMobile(), "Chengdu");

    CustomerId writer =
        customers.resolveContact(
            new Contact(
                "weibo",
                "w-" + UUID.randomUUID(),
                null,
                stem + " Jun",
                null,
                null,
                null,
                null,
                "Chengdu",
                "Where is my parcel?"));

    // Sixty older customers share the name's first letters; the pool holds fifty.
    await().atMost(Duration.ofSeconds(30)).until(() -> !resolution.candidates(writer).isEmpty());
    assertThat(resolution.candidates(writer))
        .extracting(m -> m.candidate().id())
        .contains(namesake);
  }

  @Test
  void aPosterWhoseHandleSpellsAChineseNameInPinyinIsOfferedThatCustomer() {
    CustomerId wangJun = register("王军", null, "+86 " + uniqueMobile(), "拉萨");

    CustomerId poster = weiboPoster("wangjun1988", null, "拉萨");
    CustomerId unrelated = weiboPoster("wang_li", null, "拉萨");

    await().atMost(Duration.ofSeconds(30)).until(() -> !resolution.candidates(poster).isEmpty());
    assertThat(resolution.candidates(poster))
        .filteredOn(m -> m.candidate().id().equals(wangJun))
        .singleElement()
        .satisfies(
            m -> assertThat(m.reasons()).containsExactly("match.handlePinyin", "match.location"));
    await().atMost(Duration.ofSeconds(30)).until(() -> compared(unrelated));
    assertThat(resolution.candidates(unrelated))
        .as("the same city alone is not enough")
        .extracting(m -> m.candidate().id())
        .doesNotContain(wangJun);
  }

  @Test
  void aChineseNameMeetsItsPinyinAsALatinNameOrHandleEitherWayBelowTheSameName() {
    CustomerId latinName = register("Ouyang Nana", null, null, "Dali");
    CustomerId latinHandle = register("N. O.", null, null, "Dali");
    customers.addSocialIdentity(
        latinHandle,
        new SocialIdentityData(
            "x", "x-" + UUID.randomUUID(), "ouyang_nana1999", "Nana", null, null, 3L));

    CustomerId chinese = weiboPoster("娜娜爱吃糖", "欧阳娜娜", "大理");

    await().atMost(Duration.ofSeconds(30)).until(() -> resolution.candidates(chinese).size() >= 2);
    assertThat(resolution.candidates(chinese))
        .extracting(m -> m.candidate().id(), MatchCandidate::reasons)
        .contains(
            tuple(latinName, List.of("match.namePinyin")),
            tuple(latinHandle, List.of("match.handlePinyin")));

    CustomerId latinPoster = weiboPoster("nana_o", "Ouyang Nana", null);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> resolution.candidates(latinPoster).size() >= 2);
    List<MatchCandidate> offered = resolution.candidates(latinPoster);
    assertThat(offered)
        .extracting(m -> m.candidate().id(), MatchCandidate::reasons)
        .startsWith(tuple(latinName, List.of("match.name")))
        .contains(tuple(chinese, List.of("match.namePinyin")));
    assertThat(offered.get(1).score()).isLessThan(offered.get(0).score());
  }

  @Test
  void mergeAndUnmergeRestoreTheExactPriorState() {
    String mobileA = uniqueMobile();
    CustomerId a =
        register("Chen Wei", "chen.wei." + mobileA + "@example.cn", "+86 " + mobileA, "广州");
    customers.addSocialIdentity(
        a,
        new SocialIdentityData(
            "weibo", "w-" + UUID.randomUUID(), "chenwei", "陈伟", null, null, 12L));
    assets.record(
        a,
        new NewAsset(
            "Acme Home Hub",
            "SN-" + UUID.randomUUID(),
            null,
            LocalDate.of(2024, 2, 1),
            "Store",
            LocalDate.of(2025, 2, 1)));
    CustomerId b = register("陈伟", "cw@example.net", "+86 " + uniqueMobile(), "深圳");
    customers.addSocialIdentity(
        b,
        new SocialIdentityData(
            "x", "x-" + UUID.randomUUID(), "chen_wei", "Chen Wei", null, null, 3L));
    CaseView caseOfA = openCase(a, "Hub offline");
    CaseView caseOfB = openCase(b, "Buds pairing");

    CustomerProfile aBefore = customers.profile(a).orElseThrow();
    CustomerProfile bBefore = customers.profile(b).orElseThrow();
    List<AssetView> aAssets = assets.ofCustomer(a);
    List<AssetView> bAssets = assets.ofCustomer(b);

    MergeRecord merge = resolution.merge(a, b, null);

    CustomerProfile merged = customers.profile(b).orElseThrow();
    assertThat(merged.socialIdentities()).hasSize(2);
    assertThat(merged.emails()).containsAll(aBefore.emails()).containsAll(bBefore.emails());
    assertThat(merged.phones()).hasSize(2);
    assertThat(customers.profile(a).orElseThrow().mergedInto()).isEqualTo(b.value());
    assertThat(cases.find(caseOfA.id()).orElseThrow().customer()).isEqualTo(b);
    assertThat(assets.ofCustomer(b)).hasSize(aAssets.size() + bAssets.size());
    assertThat(customers.search("Chen Wei", 0, 100).items())
        .extracting(CustomerSummary::id)
        .doesNotContain(a);

    resolution.unmerge(merge.id(), null);

    assertThat(customers.profile(a).orElseThrow()).isEqualTo(aBefore);
    assertThat(customers.profile(b).orElseThrow()).isEqualTo(bBefore);
    assertThat(assets.ofCustomer(a)).isEqualTo(aAssets);
    assertThat(assets.ofCustomer(b)).isEqualTo(bAssets);
    assertThat(cases.find(caseOfA.id()).orElseThrow().customer()).isEqualTo(a);
    assertThat(cases.find(caseOfB.id()).orElseThrow().customer()).isEqualTo(b);
    assertThat(resolution.merges(a))
        .singleElement()
        .satisfies(m -> assertThat(m.unmergedAt()).isNotNull());
  }

  @Test
  void aSocialIdentityMovesThroughTheFunnel() {
    String id = "m-" + UUID.randomUUID();
    CustomerId heard =
        customers.recordSocialIdentity(
            new Contact("mastodon", id, "@ann@social.example", "Ann", null, null));
    assertThat(customers.find(heard).orElseThrow().stage()).isEqualTo(Stage.SOCIAL);
    assertThat(customers.search("", Stage.SOCIAL, 0, 100).items())
        .extracting(CustomerSummary::id)
        .contains(heard);

    customers.resolveContact(new Contact("mastodon", id, "@ann@social.example", "Ann", null, null));
    assertThat(customers.find(heard).orElseThrow().stage()).isEqualTo(Stage.CONTACT);

    assets.record(
        heard,
        new NewAsset("Acme Buds 2", "SN-" + UUID.randomUUID(), null, LocalDate.now(), null, null));
    assertThat(customers.find(heard).orElseThrow().stage()).isEqualTo(Stage.CUSTOMER);
    assertThat(customers.search("", Stage.CUSTOMER, 0, 100).total()).isPositive();
  }

  private CustomerId weiboPoster(String handle, String displayName, String city) {
    return customers.resolveContact(
        new Contact(
            "weibo",
            "w-" + UUID.randomUUID(),
            handle,
            displayName,
            null,
            null,
            null,
            null,
            city,
            "耳机连不上了"));
  }

  /** The new contact's comparison with the others has run. */
  private boolean compared(CustomerId customer) {
    return jdbc.queryForObject(
            "select count(*) from customers_candidate_check where customer_id = ?",
            Long.class,
            customer.value())
        == 0;
  }

  /** Random letters a to p (no digits, which handle keys drop). */
  private static String letters(int count) {
    StringBuilder letters = new StringBuilder(count);
    UUID.randomUUID()
        .toString()
        .replace("-", "")
        .chars()
        .limit(count)
        .forEach(c -> letters.append((char) ('a' + Character.digit(c, 16))));
    return letters.toString();
  }

  private CustomerId register(String name, String email, String phone, String city) {
    return customers.register(
        new NewCustomer(
            name,
            null,
            Tier.STANDARD,
            email == null ? List.of() : List.of(email),
            phone == null ? List.of() : List.of(phone),
            List.of(new PostalAddress("1 Road", null, city, null, null, null)),
            List.of(),
            null));
  }

  private CaseView openCase(CustomerId customer, String subject) {
    return cases.open(
        new NewCase(
            brands.all().get(0).id(),
            subject,
            Priority.NORMAL,
            customer,
            null,
            "phone",
            subject,
            null));
  }

  private static Contact phoneContact(String number) {
    return new Contact("phone", null, null, null, null, null, number, null, null, null);
  }

  /** A Chinese mobile number no other test uses. */
  private static String uniqueMobile() {
    return "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
  }
}
