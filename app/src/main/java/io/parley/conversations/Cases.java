package io.parley.conversations;

import io.parley.conversations.internal.CaseRepository;
import io.parley.conversations.internal.CaseWriter;
import io.parley.conversations.internal.Message;
import io.parley.conversations.internal.MessageRepository;
import io.parley.conversations.internal.SupportCase;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import io.parley.identity.UserId;
import io.parley.shared.PageSlice;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opening, finding and listing cases, always within the brands the viewer may see. */
@Service
public class Cases {

  private static final Set<CaseStatus> ACTIVE =
      EnumSet.of(
          CaseStatus.NEW,
          CaseStatus.OPEN,
          CaseStatus.PENDING_CUSTOMER,
          CaseStatus.PENDING_INTERNAL);

  private final CaseRepository cases;
  private final MessageRepository messages;
  private final CaseWriter writer;

  Cases(CaseRepository cases, MessageRepository messages, CaseWriter writer) {
    this.cases = cases;
    this.messages = messages;
    this.writer = writer;
  }

  /** Opens a case with the customer's first message; returns its view with the new number. */
  @Transactional
  public CaseView open(NewCase request) {
    return writer.open(request);
  }

  /** Adds a message to a case (used by channels and by agents replying). */
  @Transactional
  public MessageView addMessage(
      CaseId id, MessageKind kind, CustomerId customer, UserId user, String body, Instant at) {
    return writer.addMessage(id, kind, customer, user, body, at == null ? Instant.now() : at);
  }

  @Transactional
  public void assign(CaseId id, UserId user) {
    writer.assign(id, user);
  }

  @Transactional
  public void changeStatus(CaseId id, CaseStatus status, Instant at) {
    writer.changeStatus(id, status, at == null ? Instant.now() : at);
  }

  /** A case by its reference (e.g. ACME-1042), if the viewer may see its brand. */
  @Transactional(readOnly = true)
  public Optional<CaseView> findVisible(String reference, CurrentUser viewer) {
    return cases
        .findByReference(reference)
        .map(SupportCase::view)
        .filter(c -> viewer.canSee(c.brand()));
  }

  @Transactional(readOnly = true)
  public List<MessageView> messages(CaseId id) {
    return messages.findByCaseIdOrderByCreatedAtAscIdAsc(id.value()).stream()
        .map(Message::view)
        .toList();
  }

  @Transactional(readOnly = true)
  public PageSlice<CaseView> list(CaseQuery query, CurrentUser viewer) {
    String view = query.view() == null ? "open" : query.view();
    Specification<SupportCase> spec =
        (root, q, cb) -> {
          List<Predicate> where = new ArrayList<>();
          if (!viewer.seesAllBrands()) {
            var brands = viewer.brands().stream().map(BrandId::value).toList();
            where.add(brands.isEmpty() ? cb.disjunction() : root.get("brandId").in(brands));
          }
          switch (view) {
            case "mine" -> {
              where.add(cb.equal(root.get("assigneeId"), viewer.id().value()));
              where.add(root.get("status").in(ACTIVE));
            }
            case "unassigned" -> {
              where.add(cb.isNull(root.get("assigneeId")));
              where.add(root.get("status").in(ACTIVE));
            }
            case "pending" ->
                where.add(
                    root.get("status")
                        .in(CaseStatus.PENDING_CUSTOMER, CaseStatus.PENDING_INTERNAL));
            case "solved" -> where.add(root.get("status").in(CaseStatus.SOLVED, CaseStatus.CLOSED));
            case "all" -> {}
            default -> where.add(root.get("status").in(ACTIVE));
          }
          if (query.status() != null) {
            where.add(cb.equal(root.get("status"), query.status()));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    Sort sort =
        "solved".equals(view)
            ? Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.desc("id"))
            : Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.desc("id"));
    var page =
        cases.findAll(
            spec,
            PageRequest.of(
                Math.max(0, query.page()), PageSlice.clampSize(query.size(), 100), sort));
    return PageSlice.of(page, SupportCase::view);
  }

  @Transactional(readOnly = true)
  public List<CaseView> ofCustomer(CustomerId customer, CurrentUser viewer) {
    return cases.findTop20ByCustomerIdOrderByCreatedAtDesc(customer.value()).stream()
        .map(SupportCase::view)
        .filter(c -> viewer.canSee(c.brand()))
        .toList();
  }

  @Transactional(readOnly = true)
  public long count() {
    return cases.count();
  }
}
