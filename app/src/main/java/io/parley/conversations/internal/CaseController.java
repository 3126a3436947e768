package io.parley.conversations.internal;

import io.parley.channels.ChannelAccounts;
import io.parley.conversations.CaseQuery;
import io.parley.conversations.CaseRejected;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.HistoryEntry;
import io.parley.conversations.MessageKind;
import io.parley.conversations.MessageVersion;
import io.parley.conversations.MessageView;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.UserId;
import io.parley.identity.UserSummary;
import io.parley.identity.Users;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The case lists and the case page of the agent console. */
@Controller
@RequestMapping("/cases")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
class CaseController {

  static final Set<String> VIEWS = Set.of("mine", "unassigned", "open", "pending", "solved", "all");

  private final Cases cases;
  private final Customers customers;
  private final Users users;
  private final Brands brands;
  private final ChannelAccounts channels;
  private final Macros macros;
  private final LiveUpdates live;
  private final Presence presence;
  private final AttachmentStore attachmentStore;
  private final AttachmentRepository attachments;

  private final io.parley.channels.ChannelAccounts channelAccounts;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final org.springframework.context.MessageSource messageSource;
  private final tools.jackson.databind.json.JsonMapper json;

  CaseController(
      org.springframework.context.MessageSource messageSource,
      tools.jackson.databind.json.JsonMapper json,
      org.springframework.context.ApplicationEventPublisher events,
      io.parley.channels.ChannelAccounts channelAccounts,
      Cases cases,
      Customers customers,
      Users users,
      Brands brands,
      ChannelAccounts channels,
      Macros macros,
      LiveUpdates live,
      Presence presence,
      AttachmentStore attachmentStore,
      AttachmentRepository attachments) {
    this.messageSource = messageSource;
    this.json = json;
    this.channelAccounts = channelAccounts;
    this.events = events;
    this.cases = cases;
    this.customers = customers;
    this.users = users;
    this.brands = brands;
    this.channels = channels;
    this.macros = macros;
    this.live = live;
    this.presence = presence;
    this.attachmentStore = attachmentStore;
    this.attachments = attachments;
  }

  /**
   * Serves an attachment so that no browser runs it: downloads for everything but raster images, no
   * sniffing, and a sandbox even for those.
   */
  @GetMapping("/{reference}/attachments/{id}")
  ResponseEntity<org.springframework.core.io.Resource> attachment(
      @PathVariable String reference, @PathVariable long id) {
    CaseView aCase = visible(reference);
    Attachment attachment =
        attachments
            .findById(id)
            .filter(a -> a.getCaseId().equals(aCase.id().value()))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (attachment.isErased()) {
      throw new ResponseStatusException(HttpStatus.GONE, "This file was erased.");
    }
    if (attachment.getMessageId() != null
        && cases
            .message(attachment.getMessageId())
            .filter(m -> !m.readableBy(CurrentUser.require()))
            .isPresent()) {
      // A hidden message's file, for someone who may not read the message.
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    var disposition =
        (attachment.isInlineImage()
                ? org.springframework.http.ContentDisposition.inline()
                : org.springframework.http.ContentDisposition.attachment())
            .filename(attachment.getFilename(), java.nio.charset.StandardCharsets.UTF_8)
            .build();
    return ResponseEntity.ok()
        .contentType(org.springframework.http.MediaType.parseMediaType(attachment.getContentType()))
        .contentLength(attachment.getSize())
        .header("Content-Disposition", disposition.toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox; default-src 'none'")
        .header("Cache-Control", "private, max-age=3600")
        .body(
            new org.springframework.core.io.FileSystemResource(attachmentStore.pathOf(attachment)));
  }

  @GetMapping
  String list(
      @RequestParam(defaultValue = "open") String view,
      @RequestParam(required = false) CaseStatus status,
      @RequestParam(defaultValue = "updated") String sort,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String fragment,
      Model model) {
    if (!VIEWS.contains(view)) {
      view = "open";
    }
    var result =
        q.isBlank()
            ? cases.list(new CaseQuery(view, status, sort, page, 25), CurrentUser.require())
            : cases.search(q, CurrentUser.require(), page, 25);
    model.addAttribute("q", q);
    model.addAttribute("view", view);
    model.addAttribute("status", status);
    model.addAttribute("sort", sort);
    model.addAttribute("statuses", CaseStatus.values());
    model.addAttribute("result", result);
    model.addAttribute("staff", users.staff());
    model.addAttribute(
        "customers",
        customers.findAll(
            result.items().stream().map(CaseView::customer).filter(Objects::nonNull).toList()));
    model.addAttribute(
        "assignees",
        users.findAll(
            result.items().stream().map(CaseView::assignee).filter(Objects::nonNull).toList()));
    return fragment != null ? "conversations/list :: results" : "conversations/list";
  }

  /** Applies one action to the selected cases; cases the user may not see are skipped. */
  @PostMapping("/bulk")
  String bulk(
      @RequestParam(required = false) List<String> references,
      @RequestParam String action,
      @RequestParam(defaultValue = "open") String view,
      RedirectAttributes redirect) {
    CurrentUser me = CurrentUser.require();
    int done = 0;
    for (String reference : references == null ? List.<String>of() : references) {
      var aCase = cases.findVisible(reference, me);
      if (aCase.isEmpty()) {
        continue;
      }
      try {
        cases.update(aCase.get().id(), bulkUpdate(action, me), null, me.id());
        done++;
      } catch (CaseRejected e) {
        // A closed case, for example: the others still change.
      }
    }
    redirect.addFlashAttribute("bulkDone", done);
    return "redirect:/cases?view=" + (VIEWS.contains(view) ? view : "open");
  }

  private static CaseUpdate bulkUpdate(String action, CurrentUser me) {
    if (action.equals("take")) {
      return new CaseUpdate(null, null, null, me.id(), false, null);
    }
    if (action.startsWith("status:")) {
      return CaseUpdate.status(CaseStatus.valueOf(action.substring(7)));
    }
    if (action.startsWith("assign:")) {
      return new CaseUpdate(
          null, null, null, new UserId(Long.parseLong(action.substring(7))), false, null);
    }
    if (action.startsWith("priority:")) {
      return new CaseUpdate(null, null, Priority.valueOf(action.substring(9)), null, false, null);
    }
    throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
  }

  @GetMapping("/{reference}")
  String show(@PathVariable String reference, Model model) {
    CaseView aCase = visible(reference);
    prepare(aCase, model);
    return "conversations/case";
  }

  /** The conversation alone, refreshed live when something happens on the case. */
  @GetMapping("/{reference}/timeline")
  String timeline(@PathVariable String reference, Model model) {
    CaseView aCase = visible(reference);
    prepare(aCase, model);
    return "conversations/case :: timeline";
  }

  @GetMapping("/{reference}/details")
  String details(@PathVariable String reference, Model model) {
    CaseView aCase = visible(reference);
    prepare(aCase, model);
    return "conversations/case :: caseDetails";
  }

  @PostMapping("/{reference}/messages")
  String post(
      @PathVariable String reference,
      @RequestParam String kind,
      @RequestParam String body,
      @RequestParam(defaultValue = "0") long lastSeenMessageId,
      @RequestParam(defaultValue = "false") boolean force,
      @RequestParam(required = false) CaseStatus thenStatus,
      @RequestParam(required = false) List<org.springframework.web.multipart.MultipartFile> files,
      @RequestParam(required = false) String visibility,
      @RequestParam(defaultValue = "false") boolean moveToPrivate,
      @RequestParam(required = false) String publicNote,
      Model model) {
    CurrentUser me = CurrentUser.require();
    CaseView aCase = visible(reference);
    List<org.springframework.web.multipart.MultipartFile> uploads =
        files == null ? List.of() : files;
    List<MessageView> newer =
        cases.messages(aCase.id()).stream()
            .filter(m -> m.id() > lastSeenMessageId)
            .filter(m -> m.authorUser() == null || !m.authorUser().equals(me.id()))
            .toList();
    if (!newer.isEmpty() && !force) {
      // Someone wrote since this agent opened the case: show it before anything is sent.
      model.addAttribute("staleWarning", newer.size());
      model.addAttribute("draftKind", kind);
      model.addAttribute("draftBody", body);
      model.addAttribute("draftStatus", thenStatus);
      prepare(aCase, model);
      return "conversations/case";
    }
    try {
      attachmentStore.validate(uploads);
      if ("note".equals(kind)) {
        cases.write(aCase.id(), MessageKind.NOTE, me.id(), body, uploads);
      } else {
        boolean tag =
            aCase.channelAccount() == null || channelAccounts.signatureTags(aCase.channelAccount());
        if (moveToPrivate && publicNote != null && !publicNote.isBlank()) {
          // A public complaint moved to a private conversation: a short public answer, then the
          // real one by direct message.
          cases.write(
              aCase.id(),
              me.id(),
              tag ? withSignature(publicNote, me) : publicNote,
              List.of(),
              true);
          cases.write(aCase.id(), me.id(), tag ? withSignature(body, me) : body, uploads, false);
        } else if (visibility == null || visibility.isBlank()) {
          cases.write(
              aCase.id(),
              MessageKind.OUTBOUND,
              me.id(),
              tag ? withSignature(body, me) : body,
              uploads);
        } else {
          cases.write(
              aCase.id(),
              me.id(),
              tag ? withSignature(body, me) : body,
              uploads,
              !"private".equals(visibility));
        }
      }
      if (thenStatus != null) {
        cases.update(aCase.id(), CaseUpdate.status(thenStatus), null, me.id());
      }
    } catch (CaseRejected e) {
      model.addAttribute("error", e.messageKey());
      model.addAttribute(
          "errorText",
          messageSource.getMessage(
              e.messageKey(),
              e.args(),
              e.messageKey(),
              org.springframework.context.i18n.LocaleContextHolder.getLocale()));
      model.addAttribute("draftKind", kind);
      model.addAttribute("draftBody", body);
      model.addAttribute("draftVisibility", visibility);
      prepare(visible(reference), model);
      return "conversations/case";
    }
    presence.leave(reference, me);
    return "redirect:/cases/" + reference;
  }

  @PostMapping("/{reference}/update")
  String update(
      @PathVariable String reference,
      @RequestParam(required = false) CaseStatus status,
      @RequestParam(required = false) Priority priority,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String tags,
      @RequestParam(required = false) Long version,
      RedirectAttributes redirect) {
    CurrentUser me = CurrentUser.require();
    CaseView aCase = visible(reference);
    boolean unassign = "".equals(assignee);
    UserId newAssignee =
        assignee == null || assignee.isBlank() ? null : new UserId(Long.parseLong(assignee));
    try {
      cases.update(
          aCase.id(),
          new CaseUpdate(
              null,
              status,
              priority,
              newAssignee,
              unassign && aCase.assignee() != null,
              tags == null
                  ? null
                  : Arrays.stream(tags.split("[,，\\s]+"))
                      .filter(t -> !t.isBlank())
                      .collect(Collectors.toSet())),
          version,
          me.id());
      redirect.addFlashAttribute("notice", "case.saved");
    } catch (CaseRejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:/cases/" + reference;
  }

  @PostMapping("/{reference}/take")
  String take(@PathVariable String reference, RedirectAttributes redirect) {
    CurrentUser me = CurrentUser.require();
    CaseView aCase = visible(reference);
    return backToCase(
        reference,
        redirect,
        null,
        () ->
            cases.update(
                aCase.id(), new CaseUpdate(null, null, null, me.id(), false, null), null, me.id()));
  }

  /**
   * A change posted from the case page: done, then back to the page with {@code notice} (if any),
   * or with the reason it was refused.
   */
  private static String backToCase(
      String reference, RedirectAttributes redirect, String notice, Runnable change) {
    try {
      change.run();
      if (notice != null) {
        redirect.addFlashAttribute("notice", notice);
      }
    } catch (CaseRejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:/cases/" + reference;
  }

  @PostMapping("/{reference}/merge")
  String merge(
      @PathVariable String reference, @RequestParam String target, RedirectAttributes redirect) {
    CurrentUser me = CurrentUser.require();
    CaseView source = visible(reference);
    var into = cases.findVisible(target.strip().toUpperCase(), me);
    if (into.isEmpty()) {
      redirect.addFlashAttribute("error", "case.target.notFound");
      return "redirect:/cases/" + reference;
    }
    try {
      cases.merge(source.id(), into.get().id(), me.id());
    } catch (CaseRejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
      return "redirect:/cases/" + reference;
    }
    redirect.addFlashAttribute("notice", "case.merged");
    return "redirect:/cases/" + into.get().reference();
  }

  @PostMapping("/{reference}/link")
  String link(
      @PathVariable String reference, @RequestParam String target, RedirectAttributes redirect) {
    CurrentUser me = CurrentUser.require();
    CaseView aCase = visible(reference);
    var other = cases.findVisible(target.strip().toUpperCase(), me);
    if (other.isEmpty()) {
      redirect.addFlashAttribute("error", "case.target.notFound");
    } else {
      try {
        cases.link(aCase.id(), other.get().id(), me.id());
        redirect.addFlashAttribute("notice", "case.linked");
      } catch (CaseRejected e) {
        redirect.addFlashAttribute("error", e.messageKey());
      }
    }
    return "redirect:/cases/" + reference;
  }

  /** An agent corrects an internal note (their own; a supervisor any note). */
  @PostMapping("/{reference}/messages/{messageId}/edit")
  String editNote(
      @PathVariable String reference,
      @PathVariable long messageId,
      @RequestParam(defaultValue = "") String body,
      RedirectAttributes redirect) {
    CaseView aCase = visible(reference);
    return backToCase(
        reference,
        redirect,
        "message.edit.done",
        () -> cases.editNote(aCase.id(), messageId, CurrentUser.require(), body.strip()));
  }

  /** Hides a message, kept with the reason (supervisors any message, agents their own notes). */
  @PostMapping("/{reference}/messages/{messageId}/hide")
  String hide(
      @PathVariable String reference,
      @PathVariable long messageId,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes redirect) {
    CaseView aCase = visible(reference);
    return backToCase(
        reference,
        redirect,
        "message.hide.done",
        () -> cases.hide(aCase.id(), messageId, CurrentUser.require(), reason.strip()));
  }

  @PostMapping("/{reference}/messages/{messageId}/split")
  String split(
      @PathVariable String reference, @PathVariable long messageId, RedirectAttributes redirect) {
    CaseView aCase = visible(reference);
    try {
      CaseView created = cases.split(aCase.id(), messageId, CurrentUser.require().id());
      redirect.addFlashAttribute("notice", "case.splitDone");
      return "redirect:/cases/" + created.reference();
    } catch (CaseRejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
      return "redirect:/cases/" + reference;
    }
  }

  /** The text of a macro for this case, placeholders filled in, as a new composer textarea. */
  @GetMapping("/{reference}/macro")
  String macro(
      @PathVariable String reference, @RequestParam(required = false) Long macroId, Model model) {
    CurrentUser me = CurrentUser.require();
    CaseView aCase = visible(reference);
    var macro = macroId == null ? java.util.Optional.<Macro>empty() : macros.find(macroId);
    String customerName =
        aCase.customer() == null
            ? null
            : customers.find(aCase.customer()).map(c -> c.displayName()).orElse(null);
    String signature = users.find(me.id()).map(UserSummary::signature).orElse(null);
    model.addAttribute(
        "draftBody",
        macro
            .map(m -> macros.render(m, aCase, customerName, me.displayName(), signature))
            .orElse(""));
    model.addAttribute("draftStatus", macro.map(Macro::getSetStatus).orElse(null));
    model.addAttribute("statuses", CaseStatus.values());
    return "conversations/case :: composerBody";
  }

  @PostMapping("/{reference}/presence")
  ResponseEntity<Void> presence(
      @PathVariable String reference, @RequestParam(defaultValue = "false") boolean typing) {
    CaseView aCase = visible(reference);
    CurrentUser me = CurrentUser.require();
    boolean changed = presence.report(reference, aCase.brand(), me, typing);
    if (aCase.channelAccount() != null && (typing || changed)) {
      // A live channel (the web chat) may show the customer that an agent is writing.
      events.publishEvent(
          new io.parley.channels.AgentTyping(
              aCase.channelAccount(),
              cases.channelMessageIds(aCase.id()),
              me.displayName(),
              typing));
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{reference}/presence/leave")
  ResponseEntity<Void> leave(@PathVariable String reference) {
    presence.leave(reference, CurrentUser.require());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{reference}/presence")
  String whoElse(@PathVariable String reference, Model model) {
    model.addAttribute("case", visible(reference));
    model.addAttribute("others", presence.others(reference, CurrentUser.require().id().value()));
    return "conversations/case :: presence";
  }

  @GetMapping(path = "/stream", produces = "text/event-stream")
  SseEmitter stream() {
    return live.subscribe(CurrentUser.require());
  }

  /** The cases of one customer, as a fragment for the customer profile (loaded with htmx). */
  @GetMapping("/of-customer/{customerId}")
  String ofCustomer(@PathVariable long customerId, Model model) {
    model.addAttribute(
        "cases", cases.ofCustomer(new CustomerId(customerId), CurrentUser.require()));
    return "conversations/customer-cases :: cases";
  }

  private void prepare(CaseView aCase, Model model) {
    CurrentUser me = CurrentUser.require();
    var messages = cases.messages(aCase.id(), me);
    List<HistoryEntry> history = cases.history(aCase.id());
    model.addAttribute("case", aCase);
    model.addAttribute("messages", messages);
    model.addAttribute(
        "lastMessageId", messages.stream().mapToLong(MessageView::id).max().orElse(0));
    model.addAttribute("history", history);
    // A hidden message's files, like its text, only for those who may read it.
    model.addAttribute(
        "attachments",
        attachmentStore.byMessage(
            messages.stream().filter(m -> m.readableBy(me)).map(MessageView::id).toList()));
    model.addAttribute("brand", brands.find(aCase.brand()).orElseThrow());
    model.addAttribute(
        "channel",
        aCase.channelAccount() == null ? null : channels.find(aCase.channelAccount()).orElse(null));
    model.addAttribute(
        "customer",
        aCase.customer() == null ? null : customers.profile(aCase.customer()).orElse(null));
    model.addAttribute(
        "otherCases",
        aCase.customer() == null
            ? List.of()
            : cases.ofCustomer(aCase.customer(), me).stream()
                .filter(c -> !c.id().equals(aCase.id()))
                .toList());
    model.addAttribute("related", cases.related(aCase.id(), me));
    model.addAttribute(
        "mergedInto",
        aCase.mergedInto() == null ? null : cases.find(aCase.mergedInto()).orElse(null));
    model.addAttribute("statuses", CaseStatus.values());
    model.addAttribute("priorities", Priority.values());
    List<UserSummary> staff = users.staff();
    model.addAttribute("staff", staff);
    model.addAttribute("macros", macros.all());
    model.addAttribute("others", presence.others(aCase.reference(), me.id().value()));
    model.addAttribute("moderates", Cases.moderates(me));
    // Earlier texts of corrected messages (few are), shown under them.
    Map<Long, List<MessageVersion>> versions = new java.util.HashMap<>();
    messages.stream()
        .filter(m -> m.revision() > 1 && m.readableBy(me))
        .forEach(m -> versions.put(m.id(), cases.versions(m.id())));
    model.addAttribute("versions", versions);
    model.addAttribute(
        "people",
        users.findAll(
            Stream.of(
                    Stream.of(aCase.assignee()),
                    messages.stream().map(MessageView::authorUser),
                    messages.stream().map(MessageView::hiddenBy),
                    versions.values().stream()
                        .flatMap(List::stream)
                        .map(MessageVersion::replacedBy),
                    history.stream().map(HistoryEntry::actor))
                .flatMap(Function.identity())
                .filter(Objects::nonNull)
                .toList()));
    if (!model.containsAttribute("draftKind")) {
      model.addAttribute("draftKind", "reply");
    }
    replyRules(aCase, messages, me, model);
  }

  /**
   * What the composer offers on this case's channel: public and/or private answers, each one's
   * length rule (as data for the live counter), the private window, the mention that starts a reply
   * and the signature tag that ends it (both counted).
   */
  private void replyRules(CaseView aCase, List<MessageView> messages, CurrentUser me, Model model) {
    io.parley.channels.ReplyRules rules =
        aCase.channelAccount() == null
            ? io.parley.channels.ReplyRules.UNRESTRICTED
            : channelAccounts.replyRules(aCase.channelAccount());
    java.time.Instant customerWrote =
        messages.stream()
            .filter(m -> m.kind() == MessageKind.INBOUND)
            .map(MessageView::createdAt)
            .max(java.util.Comparator.naturalOrder())
            .orElse(null);
    java.time.Instant now = java.time.Instant.now();
    var closes = rules.windowClosesAt(false, customerWrote);
    boolean privateOpen =
        rules.privateMessage() && (closes.isEmpty() || now.isBefore(closes.get()));
    model.addAttribute("replyRules", rules);
    model.addAttribute("offersChoice", rules.publicReply() && rules.privateMessage());
    model.addAttribute("privateOpen", privateOpen);
    model.addAttribute(
        "privateWindowLeft",
        closes
            .filter(c -> now.isBefore(c))
            .map(c -> left(java.time.Duration.between(now, c)))
            .orElse(null));
    model.addAttribute("privateWindowClosed", rules.privateMessage() && !privateOpen);
    if (!model.containsAttribute("draftVisibility")) {
      model.addAttribute(
          "draftVisibility", rules.publicByDefault() || !privateOpen ? "public" : "private");
    }
    model.addAttribute("limitPublic", json.writeValueAsString(rules.publicLimit().asData()));
    model.addAttribute("limitPrivate", json.writeValueAsString(rules.privateLimit().asData()));
    boolean tag =
        aCase.channelAccount() == null || channelAccounts.signatureTags(aCase.channelAccount());
    String signature = tag ? users.find(me.id()).map(UserSummary::signature).orElse(null) : null;
    model.addAttribute("signatureSuffix", signature == null ? "" : " " + signature);
    String handle = null;
    Object customer = model.getAttribute("customer");
    if (customer instanceof io.parley.customers.CustomerProfile profile
        && aCase.channelAccount() != null) {
      String type = channels.find(aCase.channelAccount()).map(c -> c.type()).orElse(null);
      handle =
          profile.socialIdentities().stream()
              .filter(i -> i.network().equals(type))
              .map(io.parley.customers.SocialIdentityData::handle)
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(null);
    }
    model.addAttribute("mentionPublic", rules.mention(true, handle));
    model.addAttribute("mentionPrivate", rules.mention(false, handle));
  }

  /** "3 h", "45 min": how long a window stays open, for the composer. */
  private static String left(java.time.Duration d) {
    if (d.toHours() >= 1) {
      return d.toHours() + " h";
    }
    return Math.max(1, d.toMinutes()) + " min";
  }

  private String withSignature(String body, CurrentUser me) {
    String signature = users.find(me.id()).map(UserSummary::signature).orElse(null);
    if (signature == null || body.stripTrailing().endsWith(signature)) {
      return body;
    }
    return body.stripTrailing() + " " + signature;
  }

  private CaseView visible(String reference) {
    return cases
        .findVisible(reference, CurrentUser.require())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
