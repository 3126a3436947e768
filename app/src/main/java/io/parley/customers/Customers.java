package io.parley.customers;

import io.parley.customers.internal.Customer;
import io.parley.customers.internal.CustomerRepository;
import io.parley.customers.internal.SocialIdentity;
import io.parley.customers.internal.SocialIdentityRepository;
import io.parley.shared.PageSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering, changing and finding customers. */
@Service
public class Customers {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-]{5,30}");
  private static final Set<String> NETWORKS =
      Set.of("x", "weibo", "wechat", "mastodon", "telegram", "facebook", "instagram", "line");

  private final CustomerRepository customers;
  private final SocialIdentityRepository identities;

  Customers(CustomerRepository customers, SocialIdentityRepository identities) {
    this.customers = customers;
    this.identities = identities;
  }

  /** Registers a customer. Throws {@link CustomerRejected} on invalid data. */
  @Transactional
  public CustomerId register(NewCustomer request) {
    validate(
        request.displayName(),
        request.language(),
        request.emails(),
        request.phones(),
        request.addresses());
    Customer customer =
        new Customer(
            request.displayName().trim(),
            blankToNull(request.language()),
            request.tier() == null ? Tier.STANDARD : request.tier());
    customer.update(
        customer.getDisplayName(),
        customer.getLanguage(),
        customer.getTier(),
        blankToNull(request.notes()));
    customer.replaceContactPoints(
        normalizeEmails(request.emails()), trimAll(request.phones()), request.addresses());
    Set<String> seen = new HashSet<>();
    for (SocialIdentityData identity : request.socialIdentities()) {
      validateIdentity(identity);
      if (!seen.add(identity.network() + "\u0000" + identity.externalId())
          || identities.existsByNetworkAndExternalId(identity.network(), identity.externalId())) {
        throw new CustomerRejected(
            "customer.identity.taken", identity.network(), identity.externalId());
      }
      customer.addSocialIdentity(new SocialIdentity(identity));
    }
    return new CustomerId(customers.save(customer).getId());
  }

  /** Changes a customer's profile and contact points. */
  @Transactional
  public void update(CustomerId id, CustomerProfile profile) {
    Customer customer =
        customers.findById(id.value()).orElseThrow(() -> new CustomerRejected("customer.notFound"));
    validate(
        profile.displayName(),
        profile.language(),
        profile.emails(),
        profile.phones(),
        profile.addresses());
    customer.update(
        profile.displayName().trim(),
        blankToNull(profile.language()),
        profile.tier() == null ? Tier.STANDARD : profile.tier(),
        blankToNull(profile.notes()));
    customer.replaceContactPoints(
        normalizeEmails(profile.emails()), trimAll(profile.phones()), profile.addresses());
  }

  /** Adds a social identity to a customer; rejects one that already belongs to anybody. */
  @Transactional
  public void addSocialIdentity(CustomerId id, SocialIdentityData identity) {
    validateIdentity(identity);
    Customer customer =
        customers.findById(id.value()).orElseThrow(() -> new CustomerRejected("customer.notFound"));
    if (identities.existsByNetworkAndExternalId(identity.network(), identity.externalId())) {
      throw new CustomerRejected(
          "customer.identity.taken", identity.network(), identity.externalId());
    }
    customer.addSocialIdentity(new SocialIdentity(identity));
  }

  /**
   * The customer who wrote through a channel: found by their identity on that network (for email,
   * the address is the identity), else by email address (the longest-known customer with it, who
   * gains the identity), else created as a new contact with it. Two messages from one new sender
   * handled at once: the unique identity lets one win; the other fails and, retried, finds it.
   */
  @Transactional
  public CustomerId resolveContact(Contact contact) {
    String network = contact.network() == null ? "email" : contact.network();
    boolean isEmail = "email".equals(network);
    String externalId =
        contact.externalId() == null || contact.externalId().isBlank()
            ? contact.email()
            : contact.externalId();
    if (externalId == null || externalId.isBlank()) {
      throw new CustomerRejected("customer.identity.invalid");
    }
    externalId =
        isEmail ? externalId.strip().toLowerCase(java.util.Locale.ROOT) : externalId.strip();
    Optional<SocialIdentity> known = identities.findByNetworkAndExternalId(network, externalId);
    if (known.isPresent()) {
      known.get().refresh(identityOf(contact, network, externalId), contact.seenAt());
      return new CustomerId(known.get().getCustomerId());
    }
    String email =
        contact.email() == null || contact.email().isBlank()
            ? null
            : contact.email().strip().toLowerCase(java.util.Locale.ROOT);
    SocialIdentity identity = new SocialIdentity(identityOf(contact, network, externalId));
    identity.refresh(identityOf(contact, network, externalId), contact.seenAt());
    Customer customer = email == null ? null : customers.findFirstByEmail(email).orElse(null);
    if (customer == null) {
      String name = firstNonBlank(contact.displayName(), contact.handle(), email, externalId);
      customer =
          new Customer(name.length() > 200 ? name.substring(0, 200) : name, null, Tier.STANDARD);
      customer.replaceContactPoints(
          email == null ? List.of() : List.of(email), List.of(), List.of());
    }
    customer.addSocialIdentity(identity);
    Customer saved = customers.saveAndFlush(customer);
    return new CustomerId(saved.getId());
  }

  private static SocialIdentityData identityOf(Contact contact, String network, String externalId) {
    return new SocialIdentityData(
        network,
        externalId,
        contact.handle(),
        contact.displayName(),
        contact.profileUrl(),
        contact.bio(),
        contact.followers());
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return "?";
  }

  @Transactional(readOnly = true)
  public Optional<CustomerSummary> find(CustomerId id) {
    return customers.findById(id.value()).map(Customer::summary);
  }

  @Transactional(readOnly = true)
  public Optional<CustomerProfile> profile(CustomerId id) {
    return customers.findById(id.value()).map(CustomerProfile::of);
  }

  @Transactional(readOnly = true)
  public Map<CustomerId, CustomerSummary> findAll(Collection<CustomerId> ids) {
    return customers.findAllById(ids.stream().map(CustomerId::value).distinct().toList()).stream()
        .map(Customer::summary)
        .collect(Collectors.toMap(CustomerSummary::id, Function.identity()));
  }

  @Transactional(readOnly = true)
  public Optional<CustomerId> findBySocialIdentity(String network, String externalId) {
    return identities
        .findByNetworkAndExternalId(network, externalId)
        .map(i -> new CustomerId(i.getCustomerId()));
  }

  /** Customers whose name, email, phone or social handle contains {@code query}. */
  @Transactional(readOnly = true)
  public PageSlice<CustomerSummary> search(String query, int page, int size) {
    var pageable =
        PageRequest.of(
            Math.max(0, page), PageSlice.clampSize(size, 100), Sort.by("displayName", "id"));
    var result =
        query == null || query.isBlank()
            ? customers.findAll(pageable)
            : customers.search(query.trim(), pageable);
    return PageSlice.of(result, Customer::summary);
  }

  @Transactional(readOnly = true)
  public long count() {
    return customers.count();
  }

  private static void validate(
      String displayName,
      String language,
      List<String> emails,
      List<String> phones,
      List<PostalAddress> addresses) {
    if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
      throw new CustomerRejected("customer.displayName.invalid");
    }
    if (language != null && language.length() > 20) {
      throw new CustomerRejected("customer.language.invalid");
    }
    for (String email : emails) {
      if (email == null || !EMAIL.matcher(email.trim()).matches() || email.length() > 320) {
        throw new CustomerRejected("customer.email.invalid", email);
      }
    }
    for (String phone : phones) {
      if (phone == null || !PHONE.matcher(phone.trim()).matches()) {
        throw new CustomerRejected("customer.phone.invalid", phone);
      }
    }
    for (PostalAddress address : addresses) {
      if (address.line1() == null || address.line1().isBlank()) {
        throw new CustomerRejected("customer.address.invalid");
      }
      if (address.country() != null
          && !address.country().isBlank()
          && !address.country().matches("[A-Z]{2}")) {
        throw new CustomerRejected("customer.country.invalid", address.country());
      }
    }
  }

  private static void validateIdentity(SocialIdentityData identity) {
    if (identity.network() == null || !NETWORKS.contains(identity.network())) {
      throw new CustomerRejected("customer.identity.network.invalid", identity.network());
    }
    if (identity.externalId() == null
        || identity.externalId().isBlank()
        || identity.externalId().length() > 200) {
      throw new CustomerRejected("customer.identity.externalId.invalid");
    }
  }

  private static List<String> normalizeEmails(List<String> emails) {
    return new ArrayList<>(
        emails.stream().map(e -> e.trim().toLowerCase(java.util.Locale.ROOT)).distinct().toList());
  }

  private static List<String> trimAll(List<String> values) {
    return values.stream().map(String::trim).distinct().toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
