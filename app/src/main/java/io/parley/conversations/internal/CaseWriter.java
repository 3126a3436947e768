package io.parley.conversations.internal;

import io.parley.conversations.CaseChanged;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseOpened;
import io.parley.conversations.CaseRejected;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.CaseView;
import io.parley.conversations.MessageAdded;
import io.parley.conversations.MessageKind;
import io.parley.conversations.MessageView;
import io.parley.conversations.NewCase;
import io.parley.conversations.OpeningContributor;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Writes cases and messages, records each change in the case's history and announces it. Called
 * inside the transactions of the {@code Cases} API.
 */
@Component
public class CaseWriter {

  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_.:-]{1,60}");

  /** The longest message text (new messages, and an agent's correction of a note). */
  static final int MAX_BODY = 100_000;

  private final CaseRepository cases;
  private final MessageRepository messages;
  private final CaseNumbers numbers;
  private final org.springframework.beans.factory.ObjectProvider<OpeningContributor> contributors;

  /** The contributors in order, looked up once (through the provider: they depend on cases). */
  private volatile List<OpeningContributor> orderedContributors;

  /** Brands asked for in this transaction (a batch opens many cases of one brand). */
  private final io.parley.shared.TransactionMemo<BrandId, java.util.Optional<BrandSummary>>
      brandsNow = new io.parley.shared.TransactionMemo<>();

  private final CaseEventRepository history;
  private final CaseLinkRepository links;
  private final Brands brands;
  private final io.parley.customers.Customers customers;
  private final ConversationsProperties properties;
  private final ApplicationEventPublisher events;
  private final AttachmentStore attachmentStore;
  private final OutboundReplies outbound;
  private final io.parley.channels.ChannelAccounts channelAccounts;

  @jakarta.persistence.PersistenceContext private jakarta.persistence.EntityManager entityManager;

  CaseWriter(
      CaseRepository cases,
      MessageRepository messages,
      CaseNumbers numbers,
      org.springframework.beans.factory.ObjectProvider<OpeningContributor> contributors,
      CaseEventRepository history,
      CaseLinkRepository links,
      Brands brands,
      io.parley.customers.Customers customers,
      ConversationsProperties properties,
      ApplicationEventPublisher events,
      AttachmentStore attachmentStore,
      OutboundReplies outbound,
      io.parley.channels.ChannelAccounts channelAccounts) {
    this.channelAccounts = channelAccounts;
    this.attachmentStore = attachmentStore;
    this.outbound = outbound;
    this.cases = cases;
    this.messages = messages;
    this.numbers = numbers;
    this.contributors = contributors;
    this.history = history;
    this.links = links;
    this.brands = brands;
    this.customers = customers;
    this.properties = properties;
    this.events = events;
  }

  @Transactional
  public CaseView open(NewCase request) {
    return open(request, null);
  }

  /** Opens a case whose first message arrived as HTML: stored sanitized, its text as the body. */
  @Transactional
  public CaseView open(NewCase request, String html) {
    return open(request, html, null);
  }

  /**
   * Opens a case for a message that came through a channel: the first message keeps its network id,
   * sender address and files, and the case its channel account.
   */
  @Transactional
  public CaseView open(NewCase request, String html, InboundDetails inbound) {
    return open(request, html, inbound, null, Set.of());
  }

  /**
   * Opens a case for a channel message that a listening rule placed: in {@code queueId} (null: the
   * brand's default, chosen by routing) with {@code tags} (skills as {@code skill:} tags).
   */
  @Transactional
  public CaseView open(
      NewCase request, String html, InboundDetails inbound, Long queueId, Set<String> tags) {
    return openAll(List.of(new Opening(request, html, inbound, queueId, tags))).get(0);
  }

  /** One case to open: its request, first message's HTML and channel details, queue and tags. */
  record Opening(
      NewCase request, String html, InboundDetails inbound, Long queueId, Set<String> tags) {}

  /**
   * Opens several cases (the new threads of a page of messages) as {@link #open} opens each, with
   * their rows written together: all cases, then their histories, then their first messages, so
   * that the inserts of each kind go to the database as one batch. Views in the order of {@code
   * openings}; one that is invalid fails them all (the caller's transaction rolls back).
   */
  @Transactional
  public List<CaseView> openAll(List<Opening> openings) {
    List<SupportCase> opened = new ArrayList<>(openings.size());
    List<NewCase> requests = new ArrayList<>(openings.size());
    if (openings.size() > 1) {
      List<CustomerId> customers =
          openings.stream()
              .map(o -> o.request().customer())
              .filter(java.util.Objects::nonNull)
              .distinct()
              .toList();
      contributors().forEach(c -> c.prepare(customers));
    }
    Map<Long, PrimitiveIterator.OfLong> numbersByBrand = numbersFor(openings);
    for (Opening opening : openings) {
      NewCase request = opening.request();
      String html = opening.html();
      if (html != null
          && !html.isBlank()
          && (request.firstMessage() == null || request.firstMessage().isBlank())) {
        request =
            new NewCase(
                request.brand(),
                request.subject(),
                request.priority(),
                request.customer(),
                request.channelAccount(),
                request.channelType(),
                io.parley.conversations.InboundHtml.toText(html),
                request.openedAt());
      }
      requests.add(request);
      opened.add(prepare(request, opening.queueId(), opening.tags(), numbersByBrand));
    }
    opened.forEach(cases::save);
    for (SupportCase aCase : opened) {
      history.save(
          new CaseEvent(
              aCase.getId(), null, aCase.getCreatedAt(), "opened", null, aCase.getReference()));
    }
    for (int i = 0; i < opened.size(); i++) {
      SupportCase aCase = opened.get(i);
      NewCase request = requests.get(i);
      String html = openings.get(i).html();
      InboundDetails inbound = openings.get(i).inbound();
      if (request.firstMessage() == null || request.firstMessage().isBlank()) {
        continue;
      }
      Message first =
          new Message(
              aCase.getId(),
              MessageKind.INBOUND,
              request.customer() == null ? null : request.customer().value(),
              null,
              request.firstMessage(),
              aCase.getCreatedAt());
      if (html != null && !html.isBlank()) {
        first.withHtml(io.parley.conversations.InboundHtml.sanitize(html));
      }
      if (inbound != null) {
        first.receivedAs(inbound.externalId(), inbound.authorAddress(), inbound.inboundId());
        first.inThread(inbound.threadId());
      }
      messages.save(first);
      if (inbound != null) {
        linkInlineImages(
            first,
            aCase,
            attachmentStore.storeInbound(first.getId(), aCase.getId(), inbound.attachments()));
      }
    }
    List<CaseView> views = new ArrayList<>(opened.size());
    for (int i = 0; i < opened.size(); i++) {
      SupportCase aCase = opened.get(i);
      NewCase request = requests.get(i);
      announceOpened(aCase, request.customer(), request.firstMessage(), null);
      views.add(aCase.view());
    }
    return views;
  }

  /**
   * Announces a case that opened ({@link CaseOpened}: routing, SLA clocks, audit); {@code openedAt}
   * null: now.
   */
  private void announceOpened(
      SupportCase aCase, CustomerId customer, String firstMessage, Instant openedAt) {
    events.publishEvent(
        new CaseOpened(
            new CaseId(aCase.getId()),
            aCase.getReference(),
            new BrandId(aCase.getBrandId()),
            aCase.getChannelType(),
            customer,
            aCase.getPriority(),
            aCase.getSubject(),
            firstMessage == null || firstMessage.isBlank() ? null : firstMessage,
            aCase.getQueueId(),
            openedAt));
  }

  /** A captured case to complete: by its post's inbound id, with its author's customer and tags. */
  record Completing(long inboundId, CustomerId customer, Set<String> tags) {}

  /**
   * Completes captured cases ({@link CaseCapturing}) as {@link #openAll} would have opened them:
   * each learns its customer, the tags and queue its customer's tier adds (the queue only while no
   * agent has it), its "opened" history entry and the full-text index, and is announced ({@link
   * CaseOpened}: routing, SLA clocks, audit). What an agent already did on it stays. Views in the
   * order of {@code items}; a post whose case cannot be found has none (null).
   */
  @Transactional
  public List<CaseView> completeAll(List<Completing> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    Map<Long, Message> firsts = new java.util.HashMap<>();
    for (Message m :
        messages.findByInboundIdIn(items.stream().map(Completing::inboundId).toList())) {
      firsts.put(m.getInboundId(), m);
    }
    Map<Long, SupportCase> byId = new java.util.HashMap<>();
    cases
        .findAllById(firsts.values().stream().map(Message::getCaseId).distinct().toList())
        .forEach(c -> byId.put(c.getId(), c));
    contributors()
        .forEach(
            c ->
                c.prepare(
                    items.stream()
                        .map(Completing::customer)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList()));
    var index = org.hibernate.search.mapper.orm.Search.session(entityManager).indexingPlan();
    List<CaseView> views = new ArrayList<>(items.size());
    for (Completing item : items) {
      Message first = firsts.get(item.inboundId());
      SupportCase aCase = first == null ? null : byId.get(first.getCaseId());
      if (aCase == null) {
        views.add(null);
        continue;
      }
      if (!aCase.isCaptured()) {
        views.add(null); // completed already (a second completer, a retry after a commit)
        continue;
      }
      aCase.completing();
      Instant at = aCase.getCreatedAt();
      if (item.customer() != null) {
        aCase.identified(item.customer().value());
        first.authoredBy(item.customer().value());
      }
      CustomerId customer =
          aCase.getCustomerId() == null ? null : new CustomerId(aCase.getCustomerId());
      Contributed part =
          contributed(new BrandId(aCase.getBrandId()), customer, aCase.getPriority(), at);
      // Nobody has it: a captured case cannot be assigned.
      if (part.queueId() != null) {
        aCase.moveToQueue(part.queueId(), at);
      } else if (aCase.getQueueId() == null && part.fallbackQueueId() != null) {
        aCase.moveToQueue(part.fallbackQueueId(), at);
      }
      Set<String> tags = new TreeSet<>(aCase.getTags());
      addValid(tags, item.tags());
      addValid(tags, part.tags());
      if (!tags.equals(aCase.getTags())) {
        aCase.retag(tags, at);
      }
      history.save(new CaseEvent(aCase.getId(), null, at, "opened", null, aCase.getReference()));
      index.addOrUpdate(aCase);
      index.addOrUpdate(first);
      announceOpened(aCase, customer, first.getBody(), at);
      views.add(aCase.view());
    }
    return views;
  }

  /**
   * What the opening contributors add to a case (its customer's tier: tags, a queue, the brand's
   * default queue as fallback), together; a later contributor's queue wins.
   */
  private record Contributed(Set<String> tags, Long queueId, Long fallbackQueueId) {}

  private Contributed contributed(
      BrandId brand, CustomerId customer, Priority priority, Instant at) {
    Set<String> tags = new java.util.LinkedHashSet<>();
    Long queueId = null;
    Long fallbackQueue = null;
    for (OpeningContributor contributor : contributors()) {
      OpeningContributor.Contribution part = contributor.contribute(brand, customer, priority, at);
      if (part != null) {
        tags.addAll(part.tags());
        if (part.queueId() != null) {
          queueId = part.queueId();
        }
        if (fallbackQueue == null) {
          fallbackQueue = part.fallbackQueueId();
        }
      }
    }
    return new Contributed(tags, queueId, fallbackQueue);
  }

  /** Adds the valid ones of {@code tags} to {@code into}, cleaned, while it has fewer than 30. */
  private static void addValid(Set<String> into, java.util.Collection<String> tags) {
    for (String tag : tags) {
      String clean = tag == null ? "" : tag.strip().toLowerCase(java.util.Locale.ROOT);
      if (TAG.matcher(clean).matches() && into.size() < 30) {
        into.add(clean);
      }
    }
  }

  private List<OpeningContributor> contributors() {
    List<OpeningContributor> known = orderedContributors;
    if (known == null) {
      known = contributors.orderedStream().toList();
      orderedContributors = known;
    }
    return known;
  }

  /**
   * The case numbers of a page's openings, taken per brand in one round trip each. An opening with
   * an unknown brand fails in {@link #prepare}, so numbers are not taken for it.
   */
  private Map<Long, PrimitiveIterator.OfLong> numbersFor(List<Opening> openings) {
    return numbers.nextPerBrand(
        openings.stream()
            .map(o -> o.request().brand())
            .filter(brand -> brand != null && brandsNow.get(brand, brands::find).isPresent())
            .map(BrandId::value)
            .toList());
  }

  /** A new case, checked and numbered, in its queue with its tags; not stored yet. */
  private SupportCase prepare(
      NewCase request,
      Long queueId,
      Set<String> tags,
      Map<Long, PrimitiveIterator.OfLong> numbersByBrand) {
    BrandSummary brand =
        brandsNow
            .get(request.brand(), brands::find)
            .orElseThrow(() -> CaseRejected.invalid("case.brand.invalid"));
    String subject = subjectOf(request.subject(), request.firstMessage());
    if (request.channelType() == null || request.channelType().isBlank()) {
      throw CaseRejected.invalid("case.channel.invalid");
    }
    if (request.firstMessage() != null && request.firstMessage().length() > MAX_BODY) {
      throw CaseRejected.invalid("message.body.tooLong");
    }
    Instant at = request.openedAt() == null ? Instant.now() : request.openedAt();
    Priority priority = request.priority() == null ? Priority.NORMAL : request.priority();
    Contributed part = contributed(brand.id(), request.customer(), priority, at);
    if (part.queueId() != null) {
      queueId = part.queueId();
    }
    if (queueId == null) {
      queueId = part.fallbackQueueId();
    }
    Set<String> validTags = new TreeSet<>();
    addValid(validTags, tags);
    addValid(validTags, part.tags());
    long number = numbersByBrand.get(brand.id().value()).nextLong();
    SupportCase opening =
        new SupportCase(
            brand.id().value(),
            number,
            brand.casePrefix() + "-" + number,
            subject,
            priority,
            request.customer() == null ? null : request.customer().value(),
            request.channelAccount() == null ? null : request.channelAccount().value(),
            request.channelType(),
            at);
    // Queue and tags are set before the case is stored: one insert, not an insert and an update.
    if (queueId != null) {
      opening.moveToQueue(queueId, at);
    }
    if (!validTags.isEmpty()) {
      opening.retag(validTags, at);
    }
    return opening;
  }

  @Transactional
  public MessageView addMessage(
      CaseId id, MessageKind kind, CustomerId customer, UserId user, String body, Instant at) {
    return addMessage(id, kind, customer, user, body, at, null, List.of());
  }

  /**
   * Adds a message; an inbound one keeps its channel details, an agent's files are stored with it,
   * and a reply is queued in the outbox in this same transaction.
   */
  @Transactional
  public MessageView addMessage(
      CaseId id,
      MessageKind kind,
      CustomerId customer,
      UserId user,
      String body,
      Instant at,
      InboundDetails inbound,
      List<MultipartFile> files) {
    return addMessage(id, kind, customer, user, body, at, inbound, files, null);
  }

  /**
   * As above; {@code publicReply} chooses how a reply goes out (null: the channel's usual way). A
   * reply is checked against its channel's rules (kind, length as the network counts, window).
   */
  @Transactional
  public MessageView addMessage(
      CaseId id,
      MessageKind kind,
      CustomerId customer,
      UserId user,
      String body,
      Instant at,
      InboundDetails inbound,
      List<MultipartFile> files,
      Boolean publicReply) {
    if (body == null || body.isBlank()) {
      throw CaseRejected.invalid("message.body.empty");
    }
    if (body.length() > MAX_BODY) {
      throw CaseRejected.invalid("message.body.tooLong");
    }
    SupportCase aCase = load(id);
    if (aCase.getStatus() == CaseStatus.CLOSED && kind != MessageKind.INBOUND) {
      throw CaseRejected.conflict("case.closed");
    }
    if (aCase.isCaptured() && kind != MessageKind.INBOUND) {
      throw CaseRejected.conflict("case.opening");
    }
    if (kind == MessageKind.OUTBOUND
        && user != null
        && aCase.getChannelAccountId() != null
        && !channelAccounts.mayAnswer(
            new io.parley.channels.ChannelAccountId(aCase.getChannelAccountId()), user)) {
      throw CaseRejected.forbidden("channel.notGranted");
    }
    boolean answeredPublicly = true;
    if (kind == MessageKind.OUTBOUND && aCase.getChannelAccountId() != null) {
      io.parley.channels.ReplyRules rules =
          channelAccounts.replyRules(
              new io.parley.channels.ChannelAccountId(aCase.getChannelAccountId()));
      answeredPublicly = publicReply != null ? publicReply : rules.publicByDefault();
      Instant customerWrote =
          messages
              .findFirstByCaseIdAndKindOrderByCreatedAtDesc(aCase.getId(), MessageKind.INBOUND)
              .map(Message::getCreatedAt)
              .orElse(null);
      // Judged when the reply is written: history (demo data, imports) was answered in its window.
      var problem = rules.check(answeredPublicly, body, customerWrote, at);
      if (problem.isPresent()) {
        throw CaseRejected.invalid(problem.get().key(), problem.get().args());
      }
    }
    switch (kind) {
      case OUTBOUND -> aCase.responded(at);
      case INBOUND -> record(aCase, null, at, aCase.customerWrote(at));
      case NOTE -> {}
    }
    Message fresh =
        new Message(
            aCase.getId(),
            kind,
            customer == null ? null : customer.value(),
            user == null ? null : user.value(),
            body,
            at);
    if (kind == MessageKind.OUTBOUND) {
      fresh.answeredPublicly(answeredPublicly);
    }
    if (inbound != null) {
      fresh.receivedAs(inbound.externalId(), inbound.authorAddress(), inbound.inboundId());
      fresh.inThread(inbound.threadId());
      if (inbound.html() != null && !inbound.html().isBlank()) {
        fresh.withHtml(io.parley.conversations.InboundHtml.sanitize(inbound.html()));
      }
    }
    Message message = messages.save(fresh);
    if (inbound != null) {
      linkInlineImages(
          message,
          aCase,
          attachmentStore.storeInbound(message.getId(), aCase.getId(), inbound.attachments()));
    }
    if (files != null && !files.isEmpty()) {
      attachmentStore.store(message.getId(), aCase.getId(), files);
    }
    if (kind == MessageKind.OUTBOUND) {
      outbound.dispatch(aCase, message);
    }
    events.publishEvent(
        new MessageAdded(
            id,
            aCase.getReference(),
            new BrandId(aCase.getBrandId()),
            message.getId(),
            kind,
            user));
    return message.view();
  }

  @Transactional
  public CaseView update(CaseId id, CaseUpdate update, Long expectedVersion, UserId actor) {
    SupportCase aCase = load(id);
    if (expectedVersion != null && expectedVersion != aCase.getVersion()) {
      throw CaseRejected.conflict("case.stale");
    }
    if (aCase.getStatus() == CaseStatus.CLOSED) {
      throw CaseRejected.conflict("case.closed");
    }
    if (aCase.isCaptured()) {
      throw CaseRejected.conflict("case.opening");
    }
    Instant at = Instant.now();
    Long actorId = actor == null ? null : actor.value();
    StringBuilder kinds = new StringBuilder();
    if (update.subject() != null) {
      String subject = update.subject().strip();
      if (subject.isEmpty() || subject.length() > 300) {
        throw CaseRejected.invalid("case.subject.invalid");
      }
      kinds.append(record(aCase, actorId, at, aCase.changeSubject(subject, at)));
    }
    if (update.unassign()) {
      kinds.append(record(aCase, actorId, at, aCase.assignTo(null, at)));
    } else if (update.assignee() != null && !aCase.isAssignedTo(update.assignee().value())) {
      kinds.append(record(aCase, actorId, at, aCase.assignTo(update.assignee().value(), at)));
    }
    if (update.priority() != null) {
      kinds.append(record(aCase, actorId, at, aCase.changePriority(update.priority(), at)));
    }
    if (update.tags() != null) {
      Set<String> tags = new TreeSet<>();
      for (String tag : update.tags()) {
        String clean = tag.strip().toLowerCase(java.util.Locale.ROOT);
        if (clean.isEmpty()) {
          continue;
        }
        if (!TAG.matcher(clean).matches()) {
          throw CaseRejected.invalid("case.tag.invalid");
        }
        tags.add(clean);
      }
      if (tags.size() > 30) {
        throw CaseRejected.invalid("case.tag.tooMany");
      }
      kinds.append(record(aCase, actorId, at, aCase.retag(tags, at)));
    }
    if (update.status() != null && update.status() != aCase.getStatus()) {
      kinds.append(record(aCase, actorId, at, aCase.changeStatus(update.status(), at)));
      if (update.status() == CaseStatus.SOLVED) {
        sendSurvey(aCase, at);
      }
    }
    if (!kinds.isEmpty()) {
      events.publishEvent(
          new CaseChanged(
              id,
              aCase.getReference(),
              new BrandId(aCase.getBrandId()),
              actor,
              kinds.toString().strip()));
    }
    return aCase.view();
  }

  @Transactional
  public void moveToQueue(CaseId id, Long queueId, UserId actor) {
    SupportCase aCase = load(id);
    record(
        aCase,
        actor == null ? null : actor.value(),
        Instant.now(),
        aCase.moveToQueue(queueId, Instant.now()));
    events.publishEvent(
        new CaseChanged(id, aCase.getReference(), new BrandId(aCase.getBrandId()), actor, "queue"));
  }

  /** Moves everything of {@code source} onto {@code target}; the source closes and points there. */
  @Transactional
  public CaseView merge(CaseId source, CaseId target, UserId actor) {
    SupportCase from = load(source);
    SupportCase into = load(target);
    if (!from.getBrandId().equals(into.getBrandId())) {
      throw CaseRejected.invalid("case.merge.otherBrand");
    }
    Instant at = Instant.now();
    try {
      record(from, actor == null ? null : actor.value(), at, from.mergeInto(into, at));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CaseRejected.conflict("case.merge.invalid");
    }
    for (Message m : messages.findByCaseIdOrderByCreatedAtAscIdAsc(from.getId())) {
      Message copy = copyTo(m, into.getId());
      messages.save(copy);
    }
    history.save(
        new CaseEvent(
            into.getId(),
            actor == null ? null : actor.value(),
            at,
            "merged-from",
            null,
            from.getReference()));
    into.touched(at);
    events.publishEvent(
        new CaseChanged(
            source, from.getReference(), new BrandId(from.getBrandId()), actor, "merged"));
    events.publishEvent(
        new CaseChanged(
            target, into.getReference(), new BrandId(into.getBrandId()), actor, "merged"));
    return into.view();
  }

  /** Opens a new case from one inbound message of an existing case; both keep the message. */
  @Transactional
  public CaseView split(CaseId id, long messageId, UserId actor) {
    SupportCase from = load(id);
    Message message =
        messages
            .findById(messageId)
            .filter(m -> m.getCaseId().equals(from.getId()))
            .orElseThrow(() -> CaseRejected.invalid("message.notFound"));
    if (message.getKind() != MessageKind.INBOUND) {
      throw CaseRejected.invalid("case.split.notInbound");
    }
    if (message.isHidden()) {
      // The copy would open a case with the hidden text as its first message and subject.
      throw CaseRejected.invalid("case.split.hidden");
    }
    CaseView created =
        open(
            new NewCase(
                new BrandId(from.getBrandId()),
                null,
                null,
                message.getAuthorCustomerId() == null
                    ? null
                    : new CustomerId(message.getAuthorCustomerId()),
                from.view().channelAccount(),
                from.view().channelType(),
                message.getBody(),
                Instant.now()));
    message.movedTo(created.id().value());
    Long actorId = actor == null ? null : actor.value();
    history.save(
        new CaseEvent(from.getId(), actorId, Instant.now(), "split", null, created.reference()));
    history.save(
        new CaseEvent(
            created.id().value(), actorId, Instant.now(), "split-from", null, from.getReference()));
    link(id, created.id(), actor);
    return created;
  }

  @Transactional
  public void link(CaseId a, CaseId b, UserId actor) {
    if (a.equals(b)) {
      throw CaseRejected.invalid("case.link.self");
    }
    SupportCase first = load(a);
    SupportCase second = load(b);
    if (links.existsById(new CaseLink.Key(a.value(), b.value()))) {
      return;
    }
    links.save(new CaseLink(a.value(), b.value()));
    links.save(new CaseLink(b.value(), a.value()));
    Long actorId = actor == null ? null : actor.value();
    history.save(
        new CaseEvent(
            first.getId(), actorId, Instant.now(), "linked", null, second.getReference()));
    history.save(
        new CaseEvent(
            second.getId(), actorId, Instant.now(), "linked", null, first.getReference()));
  }

  @Transactional
  public void rate(String reference, String token, int score, String comment) {
    SupportCase aCase =
        cases
            .findByReference(reference)
            .filter(c -> token != null && c.acceptsRating(sha256(token)))
            .orElseThrow(() -> CaseRejected.invalid("csat.invalid"));
    if (score < 1 || score > 5) {
      throw CaseRejected.invalid("csat.score.invalid");
    }
    if (comment != null && comment.length() > 2000) {
      throw CaseRejected.invalid("csat.comment.tooLong");
    }
    record(aCase, null, Instant.now(), aCase.rate(score, comment, Instant.now()));
  }

  /**
   * Asks the customer to rate the service: a link with a one-time token (only its hash is kept),
   * sent as a reply through the case's channel.
   */
  private void sendSurvey(SupportCase aCase, Instant at) {
    if (aCase.getCustomerId() == null) {
      return;
    }
    String token = java.util.UUID.randomUUID().toString().replace("-", "");
    aCase.issueSatisfactionSurvey(sha256(token));
    String language =
        customers
            .find(new CustomerId(aCase.getCustomerId()))
            .map(c -> c.language() == null ? "en" : c.language())
            .orElse("en");
    String link = properties.publicUrl() + "/csat/" + aCase.getReference() + "?t=" + token;
    String text =
        language.startsWith("zh")
            ? "您的问题 " + aCase.getReference() + " 已解决。请花一分钟为我们的服务打分：" + link
            : "Your case " + aCase.getReference() + " is solved. How did we do? Rate us: " + link;
    Message survey =
        messages.save(new Message(aCase.getId(), MessageKind.OUTBOUND, null, null, text, at));
    outbound.dispatch(aCase, survey);
  }

  /** Points the HTML's {@code cid:} images at the stored parts (served inline if raster). */
  private static void linkInlineImages(
      Message message, SupportCase aCase, java.util.Map<String, Long> inline) {
    String html = message.view().bodyHtml();
    if (html == null || inline.isEmpty() || !html.contains("cid:")) {
      return;
    }
    // The sanitizer writes attribute values entity-encoded (@ as &#64;): compare decoded.
    var cid = java.util.regex.Pattern.compile("src=\"cid:([^\"]+)\"").matcher(html);
    StringBuilder linked = new StringBuilder();
    while (cid.find()) {
      Long id = inline.get(org.springframework.web.util.HtmlUtils.htmlUnescape(cid.group(1)));
      cid.appendReplacement(
          linked,
          java.util.regex.Matcher.quoteReplacement(
              id == null
                  ? cid.group()
                  : "src=\"/cases/" + aCase.getReference() + "/attachments/" + id + "\""));
    }
    cid.appendTail(linked);
    message.withHtml(linked.toString());
  }

  static String sha256(String value) {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      return java.util.HexFormat.of()
          .formatHex(digest.digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A merged message on the target case; one hidden stays hidden there, with its reason. */
  private Message copyTo(Message m, Long caseId) {
    Message copy =
        new Message(
            caseId,
            m.getKind(),
            m.getAuthorCustomerId(),
            m.view().authorUser() == null ? null : m.view().authorUser().value(),
            m.getBody(),
            m.getCreatedAt());
    m.hiddenOn(copy);
    return copy;
  }

  private String record(SupportCase aCase, Long actor, Instant at, SupportCase.Change change) {
    if (change == null || java.util.Objects.equals(change.before(), change.after())) {
      return "";
    }
    history.save(
        new CaseEvent(aCase.getId(), actor, at, change.kind(), change.before(), change.after()));
    return change.kind() + " ";
  }

  private SupportCase load(CaseId id) {
    return cases.findById(id.value()).orElseThrow(() -> CaseRejected.invalid("case.notFound"));
  }

  /** A new case's subject: the one given, else its first message's first words; 300 at most. */
  static String subjectOf(String given, String firstMessage) {
    String subject = given == null ? "" : given.strip();
    if (subject.isEmpty()) {
      subject = summarize(firstMessage);
    }
    return subject.length() > 300 ? subject.substring(0, 300) : subject;
  }

  /**
   * The text on one line (each run of spaces, tabs and line breaks one space), cut to 80
   * characters. Reads only as far as it needs: it runs for every case a listened post opens.
   */
  static String summarize(String text) {
    if (text == null || text.isBlank()) {
      return "(no subject)";
    }
    String stripped = text.strip();
    StringBuilder oneLine = new StringBuilder(81);
    boolean space = false;
    for (int i = 0; i < stripped.length() && oneLine.length() <= 80; i++) {
      char c = stripped.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        space = true;
        continue;
      }
      if (space) {
        oneLine.append(' ');
        space = false;
      }
      oneLine.append(c);
    }
    return oneLine.length() <= 80 ? oneLine.toString() : oneLine.substring(0, 79) + "…";
  }
}
