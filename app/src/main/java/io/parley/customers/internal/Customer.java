package io.parley.customers.internal;

import io.parley.customers.CustomerId;
import io.parley.customers.CustomerSummary;
import io.parley.customers.PostalAddress;
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
  private Long organizationId;
  private String language;

  @Enumerated(EnumType.STRING)
  private Tier tier;

  private String notes;
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
    this.displayName = displayName;
    this.language = language;
    this.tier = tier;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  public void update(String displayName, String language, Tier tier, String notes) {
    this.displayName = displayName;
    this.language = language;
    this.tier = tier;
    this.notes = notes;
    this.updatedAt = Instant.now();
  }

  public void replaceContactPoints(
      List<String> newEmails, List<String> newPhones, List<PostalAddress> newAddresses) {
    emails.clear();
    newEmails.forEach(e -> emails.add(new Email(e, false)));
    phones.clear();
    newPhones.forEach(p -> phones.add(new Phone(p, false)));
    addresses.clear();
    newAddresses.forEach(a -> addresses.add(Address.of(a)));
    this.updatedAt = Instant.now();
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
        addresses.isEmpty() ? null : addresses.get(0).city);
  }

  public Long getId() {
    return id;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getLanguage() {
    return language;
  }

  public Tier getTier() {
    return tier;
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

    protected Phone() {}

    Phone(String number, boolean verified) {
      this.number = number;
      this.verified = verified;
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
