package io.parley.customers.internal;

import io.parley.customers.CustomerId;
import io.parley.customers.CustomerSummary;
import io.parley.customers.PhoneNumbers;
import io.parley.customers.PostalAddress;
import io.parley.customers.Stage;
import io.parley.customers.Tier;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A person we serve, with all the ways to reach them. */
@Entity
@Table(name = "customers_customer")
public class Customer {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customers_customer_seq")
  @SequenceGenerator(name = "customers_customer_seq", allocationSize = 50)
  private Long id;

  private String displayName;

  /** {@link CandidateScoring#nameKey} of the name and its first letters, kept with the name. */
  private String nameKey;

  private String namePrefix;

  /** {@link CandidateScoring#pinyinKey} of a Chinese name, kept with the name. */
  private String namePinyin;

  private Long organizationId;
  private String language;

  @Enumerated(EnumType.STRING)
  private Tier tier;

  private String notes;

  @Enumerated(EnumType.STRING)
  private Stage stage = Stage.CONTACT;

  private String crmRef;
  private Long mergedIntoId;
  private Instant createdAt;
  private Instant updatedAt;

  @Version private long version;

  @ElementCollection
  @CollectionTable(name = "customers_email", joinColumns = @JoinColumn(name = "customer_id"))
  @OrderColumn(name = "position")
  private List<Email> emails = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "customers_phone", joinColumns = @JoinColumn(name = "customer_id"))
  @OrderColumn(name = "position")
  private List<Phone> phones = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "customers_address", joinColumns = @JoinColumn(name = "customer_id"))
  @OrderColumn(name = "position")
  private List<Address> addresses = new ArrayList<>();

  @OneToMany(mappedBy = "customer", cascade = CascadeType.ALL)
  @OrderBy("network, handle")
  private List<SocialIdentity> socialIdentities = new ArrayList<>();

  protected Customer() {}

  public Customer(String displayName, String language, Tier tier) {
    name(displayName);
    this.language = language;
    this.tier = tier;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  public void update(String displayName, String language, Tier tier, String notes) {
    name(displayName);
    this.language = language;
    this.tier = tier;
    this.notes = notes;
    this.updatedAt = Instant.now();
  }

  private void name(String displayName) {
    this.displayName = displayName;
    this.nameKey = CandidateScoring.nameKey(displayName);
    this.namePrefix = CandidateScoring.namePrefix(nameKey);
    this.namePinyin = CandidateScoring.pinyinKey(displayName);
  }

  public void replaceContactPoints(
      List<String> newEmails, List<String> newPhones, List<PostalAddress> newAddresses) {
    var previousEmails = new ArrayList<>(emails);
    var previousPhones = new ArrayList<>(phones);
    emails.clear();
    newEmails.forEach(e -> emails.add(new Email(e, false)));
    phones.clear();
    newPhones.forEach(p -> phones.add(new Phone(p, false)));
    keepVerified(previousEmails, previousPhones);
    addresses.clear();
    newAddresses.forEach(a -> addresses.add(Address.of(a)));
    this.updatedAt = Instant.now();
  }

  /** Editing contact points keeps what was verified about the numbers and addresses that stay. */
  private void keepVerified(List<Email> previousEmails, List<Phone> previousPhones) {
    for (Email e : emails) {
      e.verified = previousEmails.stream().anyMatch(p -> p.verified && p.address.equals(e.address));
    }
    for (Phone p : phones) {
      p.verified =
          previousPhones.stream()
              .anyMatch(q -> q.verified && java.util.Objects.equals(q.e164, p.e164));
    }
  }

  /** Marks an email address as verified (the customer proved they own it). */
  public void verifyEmail(String address) {
    emails.stream().filter(e -> e.address.equals(address)).forEach(e -> e.verified = true);
  }

  /** Adds a phone number as verified (e.g. the network vouched for the caller's number). */
  public void addVerifiedPhone(String number) {
    String e164 = PhoneNumbers.e164(number).orElse(null);
    for (Phone p : phones) {
      if (e164 != null && e164.equals(p.e164)) {
        p.verified = true;
        return;
      }
    }
    Phone phone = new Phone(number, true);
    phones.add(phone);
  }

  public boolean hasVerifiedEmail(String address) {
    return emails.stream().anyMatch(e -> e.verified && e.address.equals(address));
  }

  public boolean hasVerifiedPhone(String e164) {
    return phones.stream().anyMatch(p -> p.verified && e164.equals(p.e164));
  }

  /** Moves the customer along the funnel; never back (an unmerge restores a stage explicitly). */
  public void advanceTo(Stage next) {
    if (next.ordinal() > stage.ordinal()) {
      stage = next;
      updatedAt = Instant.now();
    }
  }

  /** A social account only heard from: the first stage of the funnel. */
  public void startAsSocial() {
    this.stage = Stage.SOCIAL;
  }

  public void linkCrm(String reference) {
    this.crmRef = reference;
    advanceTo(Stage.CUSTOMER);
  }

  public void mergedInto(Long target) {
    this.mergedIntoId = target;
    this.updatedAt = Instant.now();
  }

  /** Takes every email, phone and address of {@code other} this customer does not have yet. */
  public void absorbContactPoints(Customer other) {
    for (Email e : other.emails) {
      if (emails.stream().noneMatch(x -> x.address.equals(e.address))) {
        emails.add(new Email(e.address, e.verified));
      }
    }
    for (Phone p : other.phones) {
      if (phones.stream().noneMatch(x -> java.util.Objects.equals(x.e164, p.e164))) {
        Phone copy = new Phone(p.number, p.verified);
        phones.add(copy);
      }
    }
    for (Address a : other.addresses) {
      if (addresses.stream().noneMatch(x -> x.toValue().equals(a.toValue()))) {
        addresses.add(Address.of(a.toValue()));
      }
    }
    if (other.stage.ordinal() > stage.ordinal()) {
      stage = other.stage;
    }
    if (crmRef == null) {
      crmRef = other.crmRef;
    }
    updatedAt = Instant.now();
  }

  /** Everything a merge may change, to put back exactly on unmerge. */
  public State state() {
    return new State(
        displayName,
        language,
        tier,
        notes,
        stage,
        crmRef,
        mergedIntoId,
        emails.stream().map(e -> new State.EmailState(e.address, e.verified)).toList(),
        phones.stream().map(p -> new State.PhoneState(p.number, p.verified)).toList(),
        getAddresses());
  }

  public void restore(State s) {
    name(s.displayName());
    language = s.language();
    tier = s.tier();
    notes = s.notes();
    stage = s.stage();
    crmRef = s.crmRef();
    mergedIntoId = s.mergedIntoId();
    emails.clear();
    s.emails().forEach(e -> emails.add(new Email(e.address(), e.verified())));
    phones.clear();
    s.phones().forEach(p -> phones.add(new Phone(p.number(), p.verified())));
    addresses.clear();
    s.addresses().forEach(a -> addresses.add(Address.of(a)));
    updatedAt = Instant.now();
  }

  /** A customer's own data as it stood, kept in a merge record. */
  public record State(
      String displayName,
      String language,
      Tier tier,
      String notes,
      Stage stage,
      String crmRef,
      Long mergedIntoId,
      List<EmailState> emails,
      List<PhoneState> phones,
      List<PostalAddress> addresses) {
    public record EmailState(String address, boolean verified) {}

    public record PhoneState(String number, boolean verified) {}
  }

  void detach(SocialIdentity identity) {
    socialIdentities.remove(identity);
  }

  /**
   * Erasure on the customer's request: name, notes, contact points and social identities are
   * replaced by placeholders; the row stays so cases still point at someone.
   */
  public void erase() {
    update("Erased customer " + id, null, tier, null);
    replaceContactPoints(List.of(), List.of(), List.of());
    socialIdentities.forEach(SocialIdentity::erase);
  }

  public SocialIdentity addSocialIdentity(SocialIdentity identity) {
    identity.attachTo(this);
    socialIdentities.add(identity);
    return identity;
  }

  public CustomerSummary summary() {
    return new CustomerSummary(
        new CustomerId(id),
        displayName,
        language,
        tier,
        getEmails(),
        getPhones(),
        addresses.isEmpty() ? null : addresses.get(0).city,
        stage,
        mergedIntoId == null ? null : new CustomerId(mergedIntoId));
  }

  public Long getId() {
    return id;
  }

  public String getDisplayName() {
    return displayName;
  }

  /** The name's pinyin when it is Chinese ({@link CandidateScoring#pinyinKey}), else null. */
  public String getNamePinyin() {
    return namePinyin;
  }

  public String getLanguage() {
    return language;
  }

  public Tier getTier() {
    return tier;
  }

  public Stage getStage() {
    return stage;
  }

  public String getCrmRef() {
    return crmRef;
  }

  public Long getMergedIntoId() {
    return mergedIntoId;
  }

  public String getNotes() {
    return notes;
  }

  public Long getOrganizationId() {
    return organizationId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public List<String> getEmails() {
    return emails.stream().map(e -> e.address).toList();
  }

  public List<String> getPhones() {
    return phones.stream().map(p -> p.number).toList();
  }

  public List<PostalAddress> getAddresses() {
    return addresses.stream().map(Address::toValue).toList();
  }

  public List<SocialIdentity> getSocialIdentities() {
    return socialIdentities;
  }

  @Embeddable
  static class Email {
    String address;
    boolean verified;

    protected Email() {}

    Email(String address, boolean verified) {
      this.address = address;
      this.verified = verified;
    }
  }

  @Embeddable
  static class Phone {
    @Column(name = "number")
    String number;

    boolean verified;

    /** The number in E.164 for lookups; null when it cannot be read as a phone number. */
    String e164;

    protected Phone() {}

    Phone(String number, boolean verified) {
      this.number = number;
      this.verified = verified;
      this.e164 = PhoneNumbers.e164(number).orElse(null);
    }
  }

  @Embeddable
  static class Address {
    String line1;
    String line2;
    String city;
    String region;
    String postalCode;
    String country;

    protected Address() {}

    static Address of(PostalAddress value) {
      Address a = new Address();
      a.line1 = value.line1();
      a.line2 = value.line2();
      a.city = value.city();
      a.region = value.region();
      a.postalCode = value.postalCode();
      a.country = value.country();
      return a;
    }

    PostalAddress toValue() {
      return new PostalAddress(line1, line2, city, region, postalCode, country);
    }
  }
}
