package io.parley.customers;

import io.parley.customers.internal.Asset;
import io.parley.customers.internal.AssetRepository;
import io.parley.customers.internal.Candidate;
import io.parley.customers.internal.CandidateRepository;
import io.parley.customers.internal.CandidateScoring;
import io.parley.customers.internal.Customer;
import io.parley.customers.internal.CustomerRepository;
import io.parley.customers.internal.Merge;
import io.parley.customers.internal.MergeRepository;
import io.parley.customers.internal.SocialIdentity;
import io.parley.customers.internal.SocialIdentityRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who is who: scored candidates for agents to confirm or dismiss, and merges that can be undone. A
 * merge moves the source's identities, assets and cases to the target, which takes the contact
 * points it lacked; the source stays, marked as merged. Undoing it puts back exactly what it
 * changed: both customers' data, which identities, assets and cases belonged to whom, and the
 * candidate it confirmed.
 */
@Service
public class IdentityResolution {

  private static final int POOL = 50;
  private static final int OFFERED = 10;

  private final CustomerRepository customers;
  private final SocialIdentityRepository identities;
  private final AssetRepository assets;
  private final CandidateRepository candidates;
  private final MergeRepository merges;
  private final ObjectProvider<CustomerLinks> links;
  private final JsonMapper json;

  IdentityResolution(
      CustomerRepository customers,
      SocialIdentityRepository identities,
      AssetRepository assets,
      CandidateRepository candidates,
      MergeRepository merges,
      ObjectProvider<CustomerLinks> links,
      JsonMapper json) {
    this.customers = customers;
    this.identities = identities;
    this.assets = assets;
    this.candidates = candidates;
    this.merges = merges;
    this.links = links;
    this.json = json;
  }

  /** Open candidates for a customer, best first, each seen from this customer's side. */
  @Transactional(readOnly = true)
  public List<MatchCandidate> candidates(CustomerId id) {
    var open = candidates.openFor(id.value());
    var ids = new ArrayList<Long>();
    open.forEach(
        c -> {
          ids.add(c.getCustomerId());
          ids.add(c.getCandidateId());
        });
    Map<Long, CustomerSummary> byId = new LinkedHashMap<>();
    customers.findAllById(ids).forEach(c -> byId.put(c.getId(), c.summary()));
    List<MatchCandidate> result = new ArrayList<>();
    for (Candidate c : open) {
      long other = c.getCustomerId() == id.value() ? c.getCandidateId() : c.getCustomerId();
      CustomerSummary self = byId.get(id.value());
      CustomerSummary them = byId.get(other);
      if (self != null && them != null && them.mergedInto() == null) {
        result.add(new MatchCandidate(c.getId(), self, them, c.getScore(), c.reasons()));
      }
    }
    return result;
  }

  /**
   * Confirms a candidate: the newer of the two customers (the one who just wrote in) is merged into
   * the other. Returns the merge, which can be undone.
   */
  @Transactional
  public MergeRecord confirm(long candidateId, Long actorUserId) {
    Candidate c = openCandidate(candidateId);
    c.decide(Candidate.Status.CONFIRMED, actorUserId);
    return merge(
        new CustomerId(c.getCustomerId()),
        new CustomerId(c.getCandidateId()),
        actorUserId,
        c.getId());
  }

  /** Dismisses a candidate: the two are different people; it is not offered again. */
  @Transactional
  public void dismiss(long candidateId, Long actorUserId) {
    openCandidate(candidateId).decide(Candidate.Status.DISMISSED, actorUserId);
  }

  /** Merges {@code source} into {@code target}; see the class description. */
  @Transactional
  public MergeRecord merge(CustomerId source, CustomerId target, Long actorUserId) {
    return merge(source, target, actorUserId, null);
  }

  private MergeRecord merge(
      CustomerId sourceId, CustomerId targetId, Long actorUserId, Long candidateId) {
    if (sourceId.equals(targetId)) {
      throw new CustomerRejected("customer.merge.self");
    }
    Customer source = load(sourceId.value());
    Customer target = load(targetId.value());
    if (source.getMergedIntoId() != null || target.getMergedIntoId() != null) {
      throw new CustomerRejected("customer.merge.merged");
    }
    Snapshot before =
        new Snapshot(
            source.state(),
            target.state(),
            source.getSocialIdentities().stream().map(SocialIdentity::getId).toList(),
            assets.findByCustomerId(source.getId()).stream().map(Asset::getId).toList(),
            List.of(),
            candidateId);
    for (SocialIdentity identity : new ArrayList<>(source.getSocialIdentities())) {
      identity.moveTo(target);
    }
    assets.findByCustomerId(source.getId()).forEach(a -> a.moveTo(target.getId()));
    target.absorbContactPoints(source);
    source.mergedInto(target.getId());
    customers.flush();
    List<Long> cases = links.getIfAvailable(() -> CustomerLinks.NONE).moveCases(sourceId, targetId);
    Snapshot snapshot =
        new Snapshot(
            before.source(),
            before.target(),
            before.identityIds(),
            before.assetIds(),
            cases,
            candidateId);
    Merge merge =
        merges.save(
            new Merge(
                source.getId(), target.getId(), json.writeValueAsString(snapshot), actorUserId));
    return record(merge, source, target);
  }

  /**
   * Undoes a merge exactly. Later merges into the same target must be undone first (they changed
   * what this one would restore).
   */
  @Transactional
  public MergeRecord unmerge(long mergeId, Long actorUserId) {
    Merge merge =
        merges.findById(mergeId).orElseThrow(() -> new CustomerRejected("customer.merge.notFound"));
    if (merge.getUnmergedAt() != null) {
      throw new CustomerRejected("customer.merge.undone");
    }
    var inForce = merges.findByTargetIdAndUnmergedAtIsNullOrderByIdDesc(merge.getTargetId());
    if (!inForce.isEmpty() && !inForce.get(0).getId().equals(merge.getId())) {
      throw new CustomerRejected("customer.merge.later");
    }
    Snapshot s = json.readValue(merge.getSnapshot(), Snapshot.class);
    Customer source = load(merge.getSourceId());
    Customer target = load(merge.getTargetId());
    for (SocialIdentity identity : new ArrayList<>(target.getSocialIdentities())) {
      if (s.identityIds().contains(identity.getId())) {
        identity.moveTo(source);
      }
    }
    assets.findAllById(s.assetIds()).forEach(a -> a.moveTo(source.getId()));
    source.restore(s.source());
    target.restore(s.target());
    if (s.candidateId() != null) {
      candidates.findById(s.candidateId()).ifPresent(Candidate::reopen);
    }
    merge.undone(actorUserId);
    customers.flush();
    links
        .getIfAvailable(() -> CustomerLinks.NONE)
        .returnCases(s.caseIds(), new CustomerId(source.getId()));
    return record(merge, source, target);
  }

  /** Merges this customer took part in, newest first. */
  @Transactional(readOnly = true)
  public List<MergeRecord> merges(CustomerId id) {
    var list = merges.findBySourceIdOrTargetIdOrderByMergedAtDescIdDesc(id.value(), id.value());
    var names = new LinkedHashMap<Long, Customer>();
    customers
        .findAllById(
            list.stream()
                .flatMap(m -> java.util.stream.Stream.of(m.getSourceId(), m.getTargetId()))
                .toList())
        .forEach(c -> names.put(c.getId(), c));
    return list.stream()
        .map(m -> record(m, names.get(m.getSourceId()), names.get(m.getTargetId())))
        .toList();
  }

  /** The one customer owning an order (through a purchased asset), if exactly one does. */
  Optional<Customer> ownerOfOrder(String orderNumber) {
    var owners =
        assets.findByOrderNumberIn(List.of(orderNumber)).stream()
            .map(Asset::getCustomerId)
            .distinct()
            .toList();
    if (owners.size() != 1) {
      return Optional.empty();
    }
    return customers.findById(owners.get(0)).map(this::current);
  }

  /**
   * Scores customers who may be the same person as {@code arrival} and offers the likely ones. For
   * a customer we already knew ({@code knownOnly}), only a mentioned order of someone else's
   * counts.
   */
  void offerCandidates(Customer arrival, Contact contact, boolean knownOnly) {
    Set<String> orders = CandidateScoring.orderNumbersIn(contact.text());
    Map<Long, Customer> pool = new LinkedHashMap<>();
    if (!orders.isEmpty()) {
      var owners =
          assets.findByOrderNumberIn(orders).stream().map(Asset::getCustomerId).distinct().toList();
      customers.findAllById(owners).forEach(c -> pool.put(c.getId(), current(c)));
    }
    if (!knownOnly) {
      String name = CandidateScoring.nameKey(arrival.getDisplayName());
      String pinyin = arrival.getNamePinyin();
      String handle = CandidateScoring.handleKey(contact.handle());
      if (name != null || handle != null) {
        // The same name first, then names that read alike in pinyin; names with the same first
        // letters fill what room is left, so the many "wan…" customers never crowd out the
        // "Wang Jun"s.
        // A handle that only spells the arrival's own Chinese name (汪军 writing as "wangjun")
        // would bring every homophone (王军, 王君, …) that scoring then drops; the handle
        // lookup below still finds those whose handle is that pinyin.
        String namesakeHandle = handle != null && handle.equals(pinyin) ? null : handle;
        customers
            .namesakes(arrival.getId(), name, pinyin, namesakeHandle, PageRequest.of(0, POOL))
            .forEach(c -> pool.putIfAbsent(c.getId(), c));
      }
      if (name != null && pool.size() < POOL && name.codePointCount(0, name.length()) >= 4) {
        customers
            .sameFirstLetters(
                arrival.getId(),
                name,
                CandidateScoring.namePrefix(name),
                PageRequest.of(0, POOL - pool.size()))
            .forEach(c -> pool.putIfAbsent(c.getId(), c));
      }
      if (handle != null || pinyin != null) {
        customers
            .byHandle(arrival.getId(), handle, pinyin, PageRequest.of(0, POOL))
            .forEach(c -> pool.putIfAbsent(c.getId(), c));
      }
      if (contact.email() != null && !"email".equals(contact.network())) {
        customers
            .findAllByEmail(contact.email().strip().toLowerCase(java.util.Locale.ROOT))
            .forEach(c -> pool.putIfAbsent(c.getId(), c));
      }
    }
    pool.remove(arrival.getId());
    pool.values().removeIf(c -> c.getMergedIntoId() != null);
    if (pool.isEmpty()) {
      return;
    }
    String clueName =
        contact.displayName() == null ? arrival.getDisplayName() : contact.displayName();
    var clues =
        new CandidateScoring.Clues(
            clueName,
            Objects.equals(clueName, arrival.getDisplayName())
                ? arrival.getNamePinyin()
                : CandidateScoring.pinyinKey(clueName),
            contact.handle(),
            contact.location(),
            "email".equals(contact.network()) ? null : contact.email(),
            "phone".equals(contact.network()) ? null : contact.phone(),
            orders);
    record Scored(Customer customer, CandidateScoring.Score score) {}
    Map<Long, List<String>> ordersOf = new java.util.HashMap<>();
    for (Asset asset : assets.findByCustomerIdIn(pool.keySet())) {
      String order = asset.view().orderNumber();
      if (order != null) {
        ordersOf.computeIfAbsent(asset.getCustomerId(), k -> new ArrayList<>()).add(order);
      }
    }
    List<Scored> scored = new ArrayList<>();
    for (Customer c : pool.values()) {
      var known =
          new CandidateScoring.Known(
              c.getDisplayName(),
              c.getNamePinyin(),
              c.getSocialIdentities().stream()
                  .map(SocialIdentity::getHandle)
                  .filter(Objects::nonNull)
                  .toList(),
              c.getEmails(),
              phonesOf(c),
              c.getAddresses().isEmpty() ? null : c.getAddresses().get(0).city(),
              ordersOf.getOrDefault(c.getId(), List.of()));
      var score = CandidateScoring.score(clues, known);
      if (score.score() >= CandidateScoring.THRESHOLD) {
        scored.add(new Scored(c, score));
      }
    }
    scored.sort((a, b) -> Integer.compare(b.score().score(), a.score().score()));
    for (Scored s : scored.subList(0, Math.min(OFFERED, scored.size()))) {
      long other = s.customer().getId();
      var existing =
          candidates
              .findByCustomerIdAndCandidateId(arrival.getId(), other)
              .or(() -> candidates.findByCustomerIdAndCandidateId(other, arrival.getId()));
      if (existing.isPresent()) {
        if (existing.get().getStatus() == Candidate.Status.OPEN
            && s.score().score() > existing.get().getScore()) {
          existing.get().rescore(s.score().score(), s.score().reasons());
        }
      } else {
        candidates.save(
            new Candidate(arrival.getId(), other, s.score().score(), s.score().reasons()));
      }
    }
  }

  private static Collection<String> phonesOf(Customer c) {
    return c.getPhones().stream().map(p -> PhoneNumbers.e164(p).orElse(p)).toList();
  }

  /** A merged customer lives on in the one it was merged into. */
  private Customer current(Customer c) {
    Customer current = c;
    for (int hops = 0; hops < 5 && current.getMergedIntoId() != null; hops++) {
      current = customers.findById(current.getMergedIntoId()).orElse(current);
    }
    return current;
  }

  private Candidate openCandidate(long id) {
    Candidate c =
        candidates
            .findById(id)
            .orElseThrow(() -> new CustomerRejected("customer.candidate.notFound"));
    if (c.getStatus() != Candidate.Status.OPEN) {
      throw new CustomerRejected("customer.candidate.decided");
    }
    return c;
  }

  private Customer load(long id) {
    return customers.findById(id).orElseThrow(() -> new CustomerRejected("customer.notFound"));
  }

  private static MergeRecord record(Merge m, Customer source, Customer target) {
    return new MergeRecord(
        m.getId(),
        new CustomerId(m.getSourceId()),
        source == null ? "?" : source.getDisplayName(),
        new CustomerId(m.getTargetId()),
        target == null ? "?" : target.getDisplayName(),
        m.getMergedAt(),
        m.getUnmergedAt());
  }

  /** What a merge changed, kept as JSON on the merge record. */
  record Snapshot(
      Customer.State source,
      Customer.State target,
      List<Long> identityIds,
      List<Long> assetIds,
      List<Long> caseIds,
      Long candidateId) {}
}
