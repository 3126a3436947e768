package io.parley.customers;

import io.parley.customers.internal.CandidateScoring;
import io.parley.customers.internal.Customer;
import io.parley.customers.internal.CustomerRepository;
import io.parley.customers.internal.SocialIdentity;
import io.parley.customers.internal.SocialIdentityRepository;
import io.parley.shared.PageSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
  private final IdentityResolution resolution;

  private final org.springframework.context.ApplicationEventPublisher events;
  private final io.parley.customers.internal.MergeRepository merges;
  private final CandidateChecks candidateChecks;
  private final java.util.concurrent.Executor executor;

  Customers(
      CustomerRepository customers,
      SocialIdentityRepository identities,
      IdentityResolution resolution,
      org.springframework.context.ApplicationEventPublisher events,
      io.parley.customers.internal.MergeRepository merges,
      CandidateChecks candidateChecks,
      @org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor")
          java.util.concurrent.Executor executor) {
    this.executor = executor;
    this.candidateChecks = candidateChecks;
    this.merges = merges;
    this.customers = customers;
    this.identities = identities;
    this.resolution = resolution;
    this.events = events;
  }

  /**
   * Loads HanLP's pinyin dictionary (a fraction of a second, some 5 MB) off the intake once the
   * application is up (on the application's task executor), so that the first new contact with a
   * Chinese name does not wait for it.
   */
  @org.springframework.context.event.EventListener(
      org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void warmUpPinyin() {
    executor.execute(CandidateScoring::warmUp);
  }

  /**
   * A customer's profile opened by a person: announces {@link CustomerViewed} (the audit trail
   * records who looked, in this transaction). {@code via} names where (console, api).
   */
  @Transactional
  public Optional<CustomerProfile> open(
      CustomerId id, io.parley.identity.UserId viewer, String via) {
    Optional<CustomerProfile> profile = profile(id);
    profile.ifPresent(p -> events.publishEvent(new CustomerViewed(id, viewer, via)));
    return profile;
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

  /**
   * Pseudonymizes a customer (their right to erasure): name, notes, emails, phones, addresses and
   * social identities are replaced by placeholders. Returns what identified them before (email
   * addresses, phone numbers, network ids and handles) so other modules can erase their records.
   */
  @Transactional
  public ErasedIdentifiers erase(CustomerId id) {
    Customer customer =
        customers.findById(id.value()).orElseThrow(() -> new CustomerRejected("customer.notFound"));
    List<String> identifiers = new ArrayList<>();
    List<ErasedIdentifiers.NetworkId> networkIds = new ArrayList<>();
    identifiers.addAll(customer.getEmails());
    identifiers.addAll(customer.getPhones());
    for (SocialIdentity identity : customer.getSocialIdentities()) {
      identifiers.add(identity.getExternalId());
      networkIds.add(
          new ErasedIdentifiers.NetworkId(identity.getNetwork(), identity.getExternalId()));
      if (identity.getHandle() != null) {
        identifiers.add(identity.getHandle());
      }
    }
    customer.erase();
    candidateChecks.erase(id.value());
    merges
        .findBySourceIdOrTargetIdOrderByMergedAtDescIdDesc(id.value(), id.value())
        .forEach(io.parley.customers.internal.Merge::eraseSnapshot);
    return new ErasedIdentifiers(identifiers, networkIds);
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
   * The customer who wrote through a channel, linked only on evidence a channel vouches for: their
   * known identity on that network; else a signed web chat identity (the company's id as CRM
   * reference, or the signed email); else a caller's number (a verified number, or the only
   * customer with it); else an order number given in a form field; else the sender of an email (for
   * email, the address is the identity: a verified one first, else the longest-known customer).
   * Otherwise a new contact is created with the identity, and customers who may be the same person
   * (name, handle, city, a mentioned order, a typed email) are offered to agents as scored
   * candidates, never merged on their own; for a new contact that comparison runs right after this
   * transaction commits ({@link CandidateChecks}), so an intake never waits for it. Two messages
   * from one new sender handled at once: the unique identity lets one win; the other fails and,
   * retried, finds it.
   */
  @Transactional
  public CustomerId resolveContact(Contact contact) {
    return resolveContacts(List.of(contact)).get(0);
  }

  /**
   * {@link #resolveContact} for the senders of a batch of messages, in order: each contact ends as
   * it would alone (two messages of one new sender make one contact), but the known identities are
   * found with one query per network and the new contacts written together.
   */
  @Transactional
  public List<CustomerId> resolveContacts(List<Contact> contacts) {
    List<IdentityKey> keys = contacts.stream().map(Customers::identityKey).toList();
    Map<String, java.util.Set<String>> byNetwork = new java.util.LinkedHashMap<>();
    for (IdentityKey key : keys) {
      byNetwork
          .computeIfAbsent(key.network(), n -> new java.util.LinkedHashSet<>())
          .add(key.externalId());
    }
    Map<IdentityKey, SocialIdentity> known = new HashMap<>();
    byNetwork.forEach(
        (network, ids) ->
            identities
                .findOnNetwork(network, ids.toArray(String[]::new))
                .forEach(i -> known.put(new IdentityKey(i.getNetwork(), i.getExternalId()), i)));
    List<CustomerId> resolved = new ArrayList<>(contacts.size());
    List<Customer> created = new ArrayList<>();
    List<Contact> createdFrom = new ArrayList<>();
    for (int i = 0; i < contacts.size(); i++) {
      Contact contact = contacts.get(i);
      String network = keys.get(i).network();
      String externalId = keys.get(i).externalId();
      SocialIdentity identity = known.get(keys.get(i));
      if (identity != null) {
        identity.refresh(identityOf(contact, network, externalId), contact.seenAt());
        // A customer new in this batch is found in the session, without a query.
        Customer customer = customers.findById(identity.getCustomerId()).orElseThrow();
        customer.advanceTo(Stage.CONTACT);
        resolution.offerCandidates(customer, contact, true);
        resolved.add(new CustomerId(customer.getId()));
        continue;
      }
      String email =
          contact.email() == null || contact.email().isBlank()
              ? null
              : contact.email().strip().toLowerCase(java.util.Locale.ROOT);
      String phone = PhoneNumbers.e164(contact.phone()).orElse(null);
      SocialIdentity fresh = new SocialIdentity(identityOf(contact, network, externalId));
      fresh.refresh(identityOf(contact, network, externalId), contact.seenAt());
      Customer customer = deterministicMatch(network, externalId, email, phone, contact);
      boolean isNew = customer == null;
      if (isNew) {
        String name = firstNonBlank(contact.displayName(), contact.handle(), email, externalId);
        customer =
            new Customer(name.length() > 200 ? name.substring(0, 200) : name, null, Tier.STANDARD);
        customer.replaceContactPoints(
            email == null ? List.of() : List.of(email),
            phone == null ? List.of() : List.of(phone),
            List.of());
      }
      if ("phone".equals(network) && phone != null) {
        // The network vouches for the caller's number.
        customer.addVerifiedPhone(phone);
      }
      customer.advanceTo(Stage.CONTACT);
      // Stored before the identity is added: the identity is then persisted by the cascade at
      // flush, after all of the batch's customers, so each kind of row is one batch of inserts.
      Customer saved = customers.save(customer);
      saved.addSocialIdentity(fresh);
      // A later message of this batch from the same sender finds this identity.
      known.put(keys.get(i), fresh);
      if (isNew) {
        created.add(saved);
        createdFrom.add(contact);
      } else {
        resolution.offerCandidates(saved, contact, true);
      }
      resolved.add(new CustomerId(saved.getId()));
    }
    // Not flushed here: the new rows go in with the transaction's next flush, and ids are known
    // already (sequence); a flush now would dirty-check the whole page once more.
    for (int i = 0; i < created.size(); i++) {
      // A new contact is compared with everybody after commit; a known one only by its orders.
      candidateChecks.enqueue(created.get(i).getId(), createdFrom.get(i));
    }
    return resolved;
  }

  /** The network and the id on it under which a contact's identity is kept. */
  private record IdentityKey(String network, String externalId) {}

  private static IdentityKey identityKey(Contact contact) {
    String network = contact.network() == null ? "email" : contact.network();
    boolean isEmail = "email".equals(network);
    String externalId =
        contact.externalId() == null || contact.externalId().isBlank()
            ? contact.email()
            : contact.externalId();
    if ((externalId == null || externalId.isBlank()) && contact.phone() != null) {
      externalId = PhoneNumbers.e164(contact.phone()).orElse(contact.phone());
    }
    if (externalId == null || externalId.isBlank()) {
      throw new CustomerRejected("customer.identity.invalid");
    }
    externalId =
        isEmail ? externalId.strip().toLowerCase(java.util.Locale.ROOT) : externalId.strip();
    return new IdentityKey(network, externalId);
  }

  /**
   * Records a social account we heard from without serving it yet (e.g. a public mention): a
   * customer at the {@link Stage#SOCIAL} stage, or the customer already holding the identity.
   */
  @Transactional
  public CustomerId recordSocialIdentity(Contact contact) {
    Optional<SocialIdentity> known =
        identities.findByNetworkAndExternalId(contact.network(), contact.externalId());
    if (known.isPresent()) {
      return new CustomerId(known.get().getCustomerId());
    }
    String name = firstNonBlank(contact.displayName(), contact.handle(), contact.externalId());
    Customer customer =
        new Customer(name.length() > 200 ? name.substring(0, 200) : name, null, Tier.STANDARD);
    customer.startAsSocial();
    customer.addSocialIdentity(
        new SocialIdentity(identityOf(contact, contact.network(), contact.externalId())));
    return new CustomerId(customers.saveAndFlush(customer).getId());
  }

  /** An agent turns a social identity into a contact. */
  @Transactional
  public void convertToContact(CustomerId id) {
    load(id).advanceTo(Stage.CONTACT);
  }

  /** Links the customer to a record in the CRM; they become a {@link Stage#CUSTOMER}. */
  @Transactional
  public void linkCrm(CustomerId id, String reference) {
    if (reference == null || reference.isBlank() || reference.length() > 100) {
      throw new CustomerRejected("customer.crm.invalid");
    }
    load(id).linkCrm(reference.strip());
  }

  /** Customers (not merged away) with this phone number, in any format; longest-known first. */
  @Transactional(readOnly = true)
  public List<CustomerSummary> findByPhone(String number) {
    return PhoneNumbers.e164(number)
        .map(e164 -> customers.findByPhone(e164).stream().map(Customer::summary).toList())
        .orElse(List.of());
  }

  /** Customers (not merged away) with this email address; longest-known first. */
  @Transactional(readOnly = true)
  public List<CustomerSummary> findByEmail(String address) {
    if (address == null || address.isBlank()) {
      return List.of();
    }
    return customers.findAllByEmail(address.strip().toLowerCase(java.util.Locale.ROOT)).stream()
        .map(Customer::summary)
        .toList();
  }

  private Customer deterministicMatch(
      String network, String externalId, String email, String phone, Contact contact) {
    if ("webchat".equals(network) && externalId.startsWith("company:")) {
      // Signed by the company's server: its id for the person is the CRM reference.
      var byCrm =
          customers.findFirstByCrmRefAndMergedIntoIdIsNullOrderById(
              externalId.substring("company:".length()));
      if (byCrm.isPresent()) {
        return byCrm.get();
      }
      if (email != null) {
        var signed = customers.findAllByEmail(email);
        if (!signed.isEmpty()) {
          return signed.get(0);
        }
      }
    }
    if (phone != null) {
      var withNumber = customers.findByPhone(phone);
      var verified = withNumber.stream().filter(c -> c.hasVerifiedPhone(phone)).findFirst();
      if (verified.isPresent()) {
        return verified.get();
      }
      if ("phone".equals(network) && withNumber.size() == 1) {
        return withNumber.get(0);
      }
    }
    if (contact.orderNumber() != null && !contact.orderNumber().isBlank()) {
      Optional<Customer> owner = resolution.ownerOfOrder(contact.orderNumber().strip());
      if (owner.isPresent()) {
        return owner.get();
      }
    }
    if (email != null) {
      var withEmail = customers.findAllByEmail(email);
      var verified = withEmail.stream().filter(c -> c.hasVerifiedEmail(email)).findFirst();
      if (verified.isPresent()) {
        return verified.get();
      }
      // The sender of an email is its address; an address typed into a chat or form proves
      // nothing, so it only makes a suggestion (see IdentityResolution).
      if (!withEmail.isEmpty() && "email".equals(network)) {
        return withEmail.get(0);
      }
    }
    return null;
  }

  private Customer load(CustomerId id) {
    return customers
        .findById(id.value())
        .orElseThrow(() -> new CustomerRejected("customer.notFound"));
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

  /**
   * The tier on the customer's profile: as this transaction has it (a customer it created or
   * changed is not read again, and nothing is flushed to ask).
   */
  @Transactional(readOnly = true)
  public Optional<Tier> tierOf(CustomerId id) {
    return customers.findById(id.value()).map(Customer::getTier);
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
    return search(query, null, page, size);
  }

  /**
   * Customers (not merged away) at {@code stage} (null: any) whose name, email, phone (in any
   * format) or social handle contains {@code query} ({@code %} and {@code _} being themselves); a
   * name also when spaces and case aside ("wangjun" finds Wang Jun) or read in pinyin ("wang jun"
   * finds 王军), and the whole name written given name first ("Jun Wang" finds 王军 and Wang Jun).
   */
  @Transactional(readOnly = true)
  public PageSlice<CustomerSummary> search(String query, Stage stage, int page, int size) {
    var pageable =
        PageRequest.of(
            Math.max(0, page), PageSlice.clampSize(size, 100), Sort.by("displayName", "id"));
    var result =
        query == null || query.isBlank()
            ? customers.listActive(stage, pageable)
            : customers.search(
                io.parley.shared.SqlLike.literal(query.trim()),
                io.parley.shared.SqlLike.literal(compactOrNothing(query)),
                familyNameFirstOrNothing(query),
                PhoneNumbers.e164(query.trim()).orElse("-"),
                stage,
                pageable);
    return PageSlice.of(result, Customer::summary);
  }

  /**
   * The query without spaces, separators and case, for the name and pinyin conditions; a space when
   * nothing is left ("." or "-"), which no name or pinyin key contains: a null or empty value would
   * make {@code like concat('%', :compact, '%')} match every customer where the database's concat
   * skips a null.
   */
  private static String compactOrNothing(String query) {
    String compact = CandidateScoring.nameKey(query);
    return compact == null || compact.isEmpty() ? " " : compact;
  }

  /**
   * The name key of the query's last word moved first ("Jun Wang" gives "wangjun": Western forms
   * put the family name last), compared whole with the name and pinyin keys; a space (which no key
   * holds) for a query of one word.
   */
  private static String familyNameFirstOrNothing(String query) {
    String[] words = query.trim().split("\\s+");
    if (words.length < 2) {
      return " ";
    }
    String last = words[words.length - 1];
    String rest = String.join(" ", java.util.Arrays.copyOf(words, words.length - 1));
    String key = CandidateScoring.nameKey(last + " " + rest);
    return key == null ? " " : key;
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
