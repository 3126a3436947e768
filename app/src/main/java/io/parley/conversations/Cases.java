package io.parley.conversations;

import io.parley.channels.InboundAttachment;
import io.parley.conversations.internal.CaseEventRepository;
import io.parley.conversations.internal.CaseLinkRepository;
import io.parley.conversations.internal.CaseRepository;
import io.parley.conversations.internal.CaseWriter;
import io.parley.conversations.internal.InboundDetails;
import io.parley.conversations.internal.Message;
import io.parley.conversations.internal.MessageRepository;
import io.parley.conversations.internal.SupportCase;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.shared.PageSlice;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaQuery;
import org.hibernate.query.criteria.JpaSubQuery;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opening, changing, finding and listing cases, always within the brands the viewer may see. */
@Service
public class Cases {

  /** Lists count their cases up to this many; beyond, they say "1,000+". */
  static final int COUNT_CAP = 1_000;

  @jakarta.persistence.PersistenceContext private jakarta.persistence.EntityManager entityManager;

  static final Set<CaseStatus> ACTIVE =
      EnumSet.of(
          CaseStatus.NEW,
          CaseStatus.OPEN,
          CaseStatus.PENDING_CUSTOMER,
          CaseStatus.PENDING_INTERNAL);

  private final CaseRepository cases;
  private final MessageRepository messages;
  private final CaseEventRepository history;
  private final CaseLinkRepository links;
  private final CaseWriter writer;
  private final io.parley.conversations.internal.MessageRevisions revisions;
  private final io.parley.conversations.internal.CaseSearch search;
  // Looked up when needed: the routing module implements it and itself depends on Cases.
  private final org.springframework.beans.factory.ObjectProvider<QueueDirectory> queues;

  Cases(
      CaseRepository cases,
      MessageRepository messages,
      CaseEventRepository history,
      CaseLinkRepository links,
      CaseWriter writer,
      io.parley.conversations.internal.MessageRevisions revisions,
      io.parley.conversations.internal.CaseSearch search,
      org.springframework.beans.factory.ObjectProvider<QueueDirectory> queues) {
    this.cases = cases;
    this.messages = messages;
    this.history = history;
    this.links = links;
    this.writer = writer;
    this.revisions = revisions;
    this.search = search;
    this.queues = queues;
  }

  /** Opens a case with the customer's first message; returns its view with the new number. */
  public CaseView open(NewCase request) {
    return writer.open(request);
  }

  /**
   * Opens a case whose first message comes with the customer's {@code files} (a listened post's
   * photos, fetched when an agent made it a case); stored as a channel's files are.
   */
  public CaseView open(NewCase request, List<InboundAttachment> files) {
    return writer.open(request, null, new InboundDetails(null, null, null, null, files));
  }

  /**
   * Opens a case whose first message arrived as HTML (an email, a web form): the HTML is kept
   * sanitized and its text becomes the message body.
   */
  public CaseView openFromHtml(NewCase request, String html) {
    return writer.open(request, html);
  }

  /** Adds a message to a case (used by channels, by agents and by the demo). */
  public MessageView addMessage(
      CaseId id, MessageKind kind, CustomerId customer, UserId user, String body, Instant at) {
    Instant when = at == null ? Instant.now() : at;
    return retrying(() -> writer.addMessage(id, kind, customer, user, body, when));
  }

  /** An agent's public reply; it goes out through the channel the case came from. */
  public MessageView reply(CaseId id, UserId agent, String body) {
    return retrying(
        () -> writer.addMessage(id, MessageKind.OUTBOUND, null, agent, body, Instant.now()));
  }

  /**
   * A reply or note with files, stored together: a reply goes out with its attachments. The files
   * are checked before anything is written.
   */
  public MessageView write(
      CaseId id,
      MessageKind kind,
      UserId agent,
      String body,
      List<org.springframework.web.multipart.MultipartFile> files) {
    return retrying(
        () -> writer.addMessage(id, kind, null, agent, body, Instant.now(), null, files));
  }

  /**
   * A reply sent publicly ({@code publicReply}) or as a private message, with files. Refused with
   * {@link CaseRejected} when the case's channel does not offer that kind of answer, when it is too
   * long as the network counts (never cut) or when the network's reply window has closed.
   */
  public MessageView write(
      CaseId id,
      UserId agent,
      String body,
      List<org.springframework.web.multipart.MultipartFile> files,
      boolean publicReply) {
    return retrying(
        () ->
            writer.addMessage(
                id,
                MessageKind.OUTBOUND,
                null,
                agent,
                body,
                Instant.now(),
                null,
                files,
                publicReply));
  }

  /** An internal note: seen by the team, never sent to the customer. */
  public MessageView note(CaseId id, UserId agent, String body) {
    return retrying(
        () -> writer.addMessage(id, MessageKind.NOTE, null, agent, body, Instant.now()));
  }

  /**
   * Applies changes; with {@code expectedVersion} set, refuses them with a conflict if someone
   * changed the case since that version was read. Without it, the changes apply to the latest state
   * (retried if someone changed the case at the same moment).
   */
  public CaseView update(CaseId id, CaseUpdate update, Long expectedVersion, UserId actor) {
    if (expectedVersion != null) {
      try {
        return writer.update(id, update, expectedVersion, actor);
      } catch (ObjectOptimisticLockingFailureException e) {
        throw CaseRejected.conflict("case.stale");
      }
    }
    return retrying(() -> writer.update(id, update, null, actor));
  }

  public void assign(CaseId id, UserId user) {
    update(id, new CaseUpdate(null, null, null, user, false, null), null, null);
  }

  public void changeStatus(CaseId id, CaseStatus status, Instant at) {
    update(id, CaseUpdate.status(status), null, null);
  }

  public void moveToQueue(CaseId id, Long queueId, UserId actor) {
    retrying(
        () -> {
          writer.moveToQueue(id, queueId, actor);
          return null;
        });
  }

  public CaseView merge(CaseId source, CaseId target, UserId actor) {
    return retrying(() -> writer.merge(source, target, actor));
  }

  public CaseView split(CaseId id, long messageId, UserId actor) {
    return retrying(() -> writer.split(id, messageId, actor));
  }

  public void link(CaseId a, CaseId b, UserId actor) {
    retrying(
        () -> {
          writer.link(a, b, actor);
          return null;
        });
  }

  /** The customer's rating from the survey link sent when the case was solved. */
  public void rate(String reference, String token, int score, String comment) {
    retrying(
        () -> {
          writer.rate(reference, token, score, comment);
          return null;
        });
  }

  /**
   * Runs one write in its own transaction, again if another writer changed the same case at the
   * same moment (optimistic locking). Inside a caller's transaction it cannot retry: it reports a
   * conflict instead.
   */
  private static <T> T retrying(java.util.function.Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (ObjectOptimisticLockingFailureException e) {
        if (attempt >= 3
            || org.springframework.transaction.support.TransactionSynchronizationManager
                .isActualTransactionActive()) {
          throw CaseRejected.conflict("case.stale");
        }
      }
    }
  }

  /** A case by its reference (e.g. ACME-1042), if the viewer may see its brand. */
  @Transactional(readOnly = true)
  public Optional<CaseView> findVisible(String reference, CurrentUser viewer) {
    return cases
        .findByReference(reference)
        .map(SupportCase::view)
        .filter(c -> viewer.canSee(c.brand()));
  }

  /**
   * The id of the case with this reference, if the viewer may see its brand: for callers that need
   * nothing else of the case (its tags and fields are not loaded).
   */
  @Transactional(readOnly = true)
  public Optional<CaseId> findVisibleId(String reference, CurrentUser viewer) {
    return cases
        .findKeyByReference(reference)
        .filter(key -> viewer.canSee(new BrandId(key.brandId())))
        .map(key -> new CaseId(key.id()));
  }

  /**
   * The messages of the case with this reference, oldest first, if the viewer may see its brand;
   * one transaction for both.
   */
  @Transactional(readOnly = true)
  public Optional<List<MessageView>> visibleMessages(String reference, CurrentUser viewer) {
    return findVisibleId(reference, viewer).map(id -> messages(id, viewer));
  }

  /**
   * The messages of a case, oldest first, as {@code viewer} may see them: a hidden message's text
   * only for whoever hid it and for supervisors and admins.
   */
  @Transactional(readOnly = true)
  public List<MessageView> messages(CaseId id, CurrentUser viewer) {
    return messages(id).stream().map(m -> m.as(viewer)).toList();
  }

  @Transactional(readOnly = true)
  public Optional<CaseView> find(CaseId id) {
    return cases.findById(id.value()).map(SupportCase::view);
  }

  @Transactional(readOnly = true)
  public Optional<CaseView> findByReference(String reference) {
    return cases.findByReference(reference).map(SupportCase::view);
  }

  @Transactional(readOnly = true)
  public List<MessageView> messages(CaseId id) {
    return messages.findByCaseIdOrderByCreatedAtAscIdAsc(id.value()).stream()
        .map(Message::view)
        .toList();
  }

  /** The network ids of the case's messages (an email's Message-ID, a chat line), newest first. */
  @Transactional(readOnly = true)
  public List<String> channelMessageIds(CaseId id) {
    return messages.findTop5ByCaseIdAndExternalIdNotNullOrderByIdDesc(id.value()).stream()
        .map(Message::getExternalId)
        .toList();
  }

  @Transactional(readOnly = true)
  public List<HistoryEntry> history(CaseId id) {
    return history.findByCaseIdOrderByAtAscIdAsc(id.value()).stream()
        .map(
            e ->
                new HistoryEntry(
                    e.getAt(),
                    e.getActorUserId() == null ? null : new UserId(e.getActorUserId()),
                    e.getKind(),
                    e.getBeforeValue(),
                    e.getAfterValue()))
        .toList();
  }

  @Transactional(readOnly = true)
  public List<CaseView> related(CaseId id, CurrentUser viewer) {
    var ids = links.findByKeyCaseId(id.value()).stream().map(l -> l.relatedCaseId()).toList();
    return cases.findAllById(ids).stream()
        .map(SupportCase::view)
        .filter(c -> viewer.canSee(c.brand()))
        .toList();
  }

  /** Cases whose subject, tags or messages contain all the words of {@code text}, best first. */
  @Transactional(readOnly = true)
  public PageSlice<CaseView> search(String text, CurrentUser viewer, int page, int size) {
    return PageSlice.of(
        search.search(text, viewer, Math.max(0, page), PageSlice.clampSize(size, 100)),
        SupportCase::view);
  }

  @Transactional(readOnly = true)
  public PageSlice<CaseView> list(CaseQuery query, CurrentUser viewer) {
    String view = query.view() == null ? "open" : query.view();
    Collection<Long> myQueues =
        "unassigned".equals(view)
            ? queues.getIfAvailable(() -> QueueDirectory.NONE).queuesOf(viewer.id())
            : List.of();
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
              // Agents see their queues' cases and cases not yet in any queue.
              if (!myQueues.isEmpty() && !viewer.seesAllBrands()) {
                where.add(cb.or(cb.isNull(root.get("queueId")), root.get("queueId").in(myQueues)));
              }
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
    int size = PageSlice.clampSize(query.size(), 100);
    int page = Math.max(0, query.page());
    var cb = entityManager.getCriteriaBuilder();
    var select = cb.createQuery(SupportCase.class);
    var root = select.from(SupportCase.class);
    select.where(spec.toPredicate(root, select, cb));
    select.orderBy(orderOf(query.sort(), root, cb));
    List<SupportCase> items =
        entityManager
            .createQuery(select)
            .setFirstResult(page * size)
            .setMaxResults(size)
            .getResultList();
    long total;
    boolean capped = false;
    if (items.size() < size && (page == 0 || !items.isEmpty())) {
      total = (long) page * size + items.size();
    } else {
      // Count at most COUNT_CAP + 1 matches: an index range, not a scan of every active case, and
      // counted in the database: select count(*) from (select id ... fetch first 1001 rows only).
      var hcb = (HibernateCriteriaBuilder) cb;
      JpaCriteriaQuery<Long> count = hcb.createQuery(Long.class);
      var ids = (JpaSubQuery<Long>) count.subquery(Long.class);
      var idRoot = ids.from(SupportCase.class);
      jakarta.persistence.criteria.Path<Long> id = idRoot.get("id");
      id.alias("id"); // a subquery in from needs named columns
      ids.select(id).where(spec.toPredicate(idRoot, count, cb));
      ids.fetch(COUNT_CAP + 1);
      count.from(ids);
      count.select(hcb.count());
      total = entityManager.createQuery(count).getSingleResult();
      capped = total > COUNT_CAP;
      total = Math.min(total, COUNT_CAP);
    }
    return new PageSlice<>(
        items.stream().map(SupportCase::view).toList(), page, size, total, capped);
  }

  private static List<jakarta.persistence.criteria.Order> orderOf(
      String sort,
      jakarta.persistence.criteria.Root<SupportCase> root,
      jakarta.persistence.criteria.CriteriaBuilder cb) {
    return switch (sort == null ? "" : sort) {
      case "oldest" -> List.of(cb.asc(root.get("updatedAt")), cb.asc(root.get("id")));
      case "created" -> List.of(cb.desc(root.get("createdAt")), cb.desc(root.get("id")));
      default -> List.of(cb.desc(root.get("updatedAt")), cb.desc(root.get("id")));
    };
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

  /** One message, wherever it is. */
  @Transactional(readOnly = true)
  public Optional<MessageView> message(long messageId) {
    return messages.findById(messageId).map(Message::view);
  }

  /**
   * The reference of the case each of these channel records' messages is on: the case a rule or the
   * intake opened for a post, or the one it joined; records on no case are left out.
   */
  @Transactional(readOnly = true)
  public java.util.Map<Long, String> referencesOfInbound(java.util.Collection<Long> inboundIds) {
    if (inboundIds.isEmpty()) {
      return java.util.Map.of();
    }
    java.util.Map<Long, String> references = new java.util.HashMap<>();
    entityManager
        .createQuery(
            "select m.inboundId, coalesce(t.reference, c.reference) from Message m join"
                + " SupportCase c on c.id = m.caseId left join SupportCase t on t.id ="
                + " c.mergedIntoId where m.inboundId in :ids",
            Object[].class)
        .setParameter("ids", java.util.Set.copyOf(inboundIds))
        .getResultList()
        .forEach(r -> references.put((Long) r[0], (String) r[1]));
    return references;
  }

  /** The case a message is on. */
  @Transactional(readOnly = true)
  public Optional<CaseId> caseOf(long messageId) {
    return messages.findById(messageId).map(m -> new CaseId(m.getCaseId()));
  }

  /**
   * Corrects a message's text (an agent's edit, an approver's edit): the earlier text stays as a
   * version, and {@link MessageRevised} is announced.
   */
  @Transactional
  public MessageView reviseMessage(long messageId, UserId by, String body, String reason) {
    return revisions.revise(messageId, by, body, reason).view();
  }

  /**
   * An agent corrects their own internal note from the console (a supervisor or an admin any note);
   * the earlier text stays as a version. What the customer wrote or received is never edited: a
   * reply already went out as it was.
   */
  @Transactional
  public MessageView editNote(CaseId caseId, long messageId, CurrentUser by, String body) {
    Message message = onCase(caseId, messageId);
    if (message.getKind() != MessageKind.NOTE
        || message.isHidden()
        || !(moderates(by) || authoredBy(message, by))) {
      throw CaseRejected.invalid("message.edit.notAllowed");
    }
    return revisions.revise(messageId, by.id(), body, "edited").view();
  }

  /**
   * Hides a message from the console ("deletes" it: kept, with its versions and in the audit): a
   * supervisor or an admin any message, an agent their own internal note.
   */
  @Transactional
  public MessageView hide(CaseId caseId, long messageId, CurrentUser by, String reason) {
    Message message = onCase(caseId, messageId);
    if (!moderates(by) && !(message.getKind() == MessageKind.NOTE && authoredBy(message, by))) {
      throw CaseRejected.invalid("message.hide.notAllowed");
    }
    if (message.isHidden()) {
      throw CaseRejected.invalid("message.hide.already");
    }
    if (message.getKind() == MessageKind.OUTBOUND && onItsWay(message.getDeliveryStatus())) {
      // Hiding would not stop it: it is still going to the customer (or waits for approval).
      throw CaseRejected.invalid("message.hide.onItsWay");
    }
    return revisions.hide(messageId, by.id(), reason).view();
  }

  /** Whether {@code user} may edit or hide any message, not only their own notes. */
  public static boolean moderates(CurrentUser user) {
    return user.role() == Role.SUPERVISOR || user.role() == Role.ADMIN;
  }

  private static boolean onItsWay(String deliveryStatus) {
    return deliveryStatus != null
        && java.util.Set.of("QUEUED", "SENDING", "RETRYING", "HELD").contains(deliveryStatus);
  }

  private static boolean authoredBy(Message message, CurrentUser user) {
    return user.id() != null && Long.valueOf(user.id().value()).equals(message.getAuthorUserId());
  }

  private Message onCase(CaseId caseId, long messageId) {
    return messages
        .findById(messageId)
        .filter(m -> m.getCaseId().equals(caseId.value()))
        .orElseThrow(() -> CaseRejected.invalid("message.notFound"));
  }

  /** The earlier texts of a corrected message, oldest first. */
  @Transactional(readOnly = true)
  public List<MessageVersion> versions(long messageId) {
    return revisions.versions(messageId);
  }

  /**
   * Erasure on a customer's request: overwrites their messages, the replies on their cases, the
   * versions of both and their cases' subjects. Returns the sender addresses that were on their
   * messages (so channel records can be erased too), the case ids and the brands erased in.
   */
  @Transactional
  public ErasedConversations eraseCustomer(CustomerId customer) {
    var erased = revisions.eraseCustomer(customer.value());
    return new ErasedConversations(
        erased.addresses(),
        erased.externalIds(),
        erased.inboundIds(),
        erased.messageIds(),
        erased.caseIds().stream().map(CaseId::new).toList(),
        erased.brandIds().stream().map(BrandId::new).toList(),
        erased.attachments());
  }

  /**
   * Retention: pseudonymizes up to {@code limit} solved or closed cases of {@code brand} untouched
   * since {@code before} (their messages, versions and subject). Returns them.
   */
  @Transactional
  public List<CaseId> expire(BrandId brand, Instant before, int limit) {
    return revisions.expire(brand.value(), before, limit).stream().map(CaseId::new).toList();
  }

  /**
   * What {@link #eraseCustomer} overwrote; {@code inboundIds} are the channel records its messages
   * came from; {@code brands} are those of every case a message was erased on (the customer's own
   * cases and others' they wrote on).
   */
  public record ErasedConversations(
      List<String> senderAddresses,
      List<String> externalIds,
      List<Long> inboundIds,
      List<Long> messageIds,
      List<CaseId> cases,
      List<BrandId> brands,
      int attachments) {}
}
