package io.parley.conversations.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseQuery;
import io.parley.conversations.CaseRejected;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.HistoryEntry;
import io.parley.conversations.MessageKind;
import io.parley.conversations.MessageView;
import io.parley.conversations.NewCase;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.shared.PageSlice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * REST API for cases and their messages. A case of a brand the caller may not see answers 404, as
 * if it did not exist. Errors are RFC 9457 problem details.
 */
@RestController
@RequestMapping("/api/v1/cases")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
@Tag(name = "Cases")
class CaseApiController {

  private final Cases cases;
  private final Customers customers;
  private final Users users;
  private final MessageSource messages;

  CaseApiController(Cases cases, Customers customers, Users users, MessageSource messages) {
    this.cases = cases;
    this.customers = customers;
    this.users = users;
    this.messages = messages;
  }

  record CaseJson(
      long id,
      String reference,
      long brandId,
      String subject,
      CaseStatus status,
      Priority priority,
      Long customerId,
      Long channelAccountId,
      String channelType,
      Long assigneeId,
      Long queueId,
      Set<String> tags,
      String mergedInto,
      Integer csatScore,
      Instant createdAt,
      Instant updatedAt,
      Instant firstResponseAt,
      Instant solvedAt,
      long version) {

    static CaseJson of(CaseView c, String mergedInto) {
      return new CaseJson(
          c.id().value(),
          c.reference(),
          c.brand().value(),
          c.subject(),
          c.status(),
          c.priority(),
          c.customer() == null ? null : c.customer().value(),
          c.channelAccount() == null ? null : c.channelAccount().value(),
          c.channelType(),
          c.assignee() == null ? null : c.assignee().value(),
          c.queueId(),
          c.tags(),
          mergedInto,
          c.csatScore(),
          c.createdAt(),
          c.updatedAt(),
          c.firstResponseAt(),
          c.solvedAt(),
          c.version());
    }
  }

  record MessageJson(
      long id,
      MessageKind kind,
      Long authorCustomerId,
      Long authorUserId,
      String body,
      Instant createdAt,
      String deliveryStatus,
      String deliveryError,
      String hiddenReason) {
    static MessageJson of(MessageView m) {
      return new MessageJson(
          m.id(),
          m.kind(),
          m.authorCustomer() == null ? null : m.authorCustomer().value(),
          m.authorUser() == null ? null : m.authorUser().value(),
          m.body(),
          m.createdAt(),
          m.deliveryStatus(),
          m.deliveryError(),
          m.hiddenReason());
    }
  }

  record OpenCase(
      @NotNull Long brandId,
      @Size(max = 300) String subject,
      Priority priority,
      Long customerId,
      Long channelAccountId,
      @NotBlank @Size(max = 30) String channelType,
      @Size(max = 100_000) String message,
      @Size(max = 500_000) String html) {}

  record ChangeCase(
      @Size(min = 1, max = 300) String subject,
      CaseStatus status,
      Priority priority,
      Long assigneeId,
      Boolean unassign,
      Set<@Size(max = 60) String> tags,
      Long version) {}

  enum PostKind {
    REPLY,
    NOTE
  }

  record PostMessage(@NotNull PostKind kind, @NotBlank @Size(max = 100_000) String body) {}

  @GetMapping
  @Operation(
      summary = "List cases of a view (mine, unassigned, open, pending, solved, all)",
      description =
          "With q, a full-text search (Chinese and English) over subjects, tags and messages"
              + " instead, best matches first.")
  PageSlice<CaseJson> list(
      @RequestParam(defaultValue = "open") String view,
      @RequestParam(required = false) CaseStatus status,
      @RequestParam(defaultValue = "updated") String sort,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "25") int size) {
    if (q != null && !q.isBlank()) {
      var found = cases.search(q, CurrentUser.require(), page, size);
      return new PageSlice<>(
          found.items().stream().map(c -> CaseJson.of(c, null)).toList(),
          found.page(),
          found.size(),
          found.total(),
          found.totalCapped());
    }
    if (!Set.of("mine", "unassigned", "open", "pending", "solved", "all").contains(view)) {
      throw CaseRejected.invalid("case.view.invalid");
    }
    var result = cases.list(new CaseQuery(view, status, sort, page, size), CurrentUser.require());
    return new PageSlice<>(
        result.items().stream().map(c -> CaseJson.of(c, null)).toList(),
        result.page(),
        result.size(),
        result.total(),
        result.totalCapped());
  }

  @GetMapping("/{reference}")
  @Operation(summary = "One case")
  CaseJson get(@PathVariable String reference) {
    CaseView c = visible(reference);
    return CaseJson.of(
        c,
        c.mergedInto() == null
            ? null
            : cases.find(c.mergedInto()).map(CaseView::reference).orElse(null));
  }

  @PostMapping
  @Operation(summary = "Open a case with the customer's first message")
  ResponseEntity<CaseJson> open(@Valid @RequestBody OpenCase body) {
    CurrentUser me = CurrentUser.require();
    BrandId brand = new BrandId(body.brandId());
    if (!me.canSee(brand)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN);
    }
    boolean hasText = body.message() != null && !body.message().isBlank();
    boolean hasHtml = body.html() != null && !body.html().isBlank();
    if (!hasText && !hasHtml) {
      throw CaseRejected.invalid("message.body.empty");
    }
    if (body.customerId() != null && customers.find(new CustomerId(body.customerId())).isEmpty()) {
      throw CaseRejected.invalid("case.customer.invalid");
    }
    CaseView created =
        cases.openFromHtml(
            new NewCase(
                brand,
                body.subject(),
                body.priority(),
                body.customerId() == null ? null : new CustomerId(body.customerId()),
                body.channelAccountId() == null
                    ? null
                    : new ChannelAccountId(body.channelAccountId()),
                body.channelType(),
                body.message(),
                null),
            hasText ? null : body.html());
    return ResponseEntity.created(URI.create("/api/v1/cases/" + created.reference()))
        .body(CaseJson.of(created, null));
  }

  @PatchMapping("/{reference}")
  @Operation(
      summary = "Change subject, status, priority, assignee or tags",
      description =
          "Send the version you read (field `version` or header If-Match) to be told with 409 if"
              + " someone changed the case since.")
  CaseJson change(
      @PathVariable String reference,
      @Valid @RequestBody ChangeCase body,
      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
    CaseView c = visible(reference);
    Long expected = body.version();
    if (expected == null && ifMatch != null) {
      try {
        expected = Long.parseLong(ifMatch.replace("\"", "").replace("W/", "").trim());
      } catch (NumberFormatException e) {
        throw CaseRejected.invalid("case.version.invalid");
      }
    }
    UserId assignee = null;
    if (body.assigneeId() != null) {
      var user =
          users
              .find(new UserId(body.assigneeId()))
              .filter(u -> u.active() && u.role().isStaff())
              .orElseThrow(() -> CaseRejected.invalid("case.assignee.invalid"));
      assignee = user.id();
    }
    CaseView changed =
        cases.update(
            c.id(),
            new CaseUpdate(
                body.subject(),
                body.status(),
                body.priority(),
                assignee,
                Boolean.TRUE.equals(body.unassign()),
                body.tags()),
            expected,
            CurrentUser.require().id());
    return CaseJson.of(changed, null);
  }

  @GetMapping("/{reference}/messages")
  @Operation(summary = "The case's messages, oldest first, internal notes included")
  List<MessageJson> messages(@PathVariable String reference) {
    return cases
        .visibleMessages(reference, CurrentUser.require())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))
        .stream()
        .map(MessageJson::of)
        .toList();
  }

  @PostMapping("/{reference}/messages")
  @Operation(summary = "Reply to the customer (REPLY) or add an internal note (NOTE)")
  ResponseEntity<MessageJson> post(
      @PathVariable String reference, @Valid @RequestBody PostMessage body) {
    CurrentUser me = CurrentUser.require();
    CaseId id =
        cases
            .findVisibleId(reference, me)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    MessageView message =
        body.kind() == PostKind.REPLY
            ? cases.reply(id, me.id(), body.body())
            : cases.note(id, me.id(), body.body());
    return ResponseEntity.status(HttpStatus.CREATED).body(MessageJson.of(message));
  }

  @GetMapping("/{reference}/history")
  @Operation(summary = "Every change of the case: who, when, from what to what")
  List<HistoryEntry> history(@PathVariable String reference) {
    return cases.history(visible(reference).id());
  }

  @PostMapping("/{reference}/merge-into/{target}")
  @Operation(summary = "Merge this case into another case of the same brand")
  CaseJson merge(@PathVariable String reference, @PathVariable String target) {
    CaseView source = visible(reference);
    CaseView into = visible(target);
    return CaseJson.of(cases.merge(source.id(), into.id(), CurrentUser.require().id()), null);
  }

  @ExceptionHandler(CaseRejected.class)
  ProblemDetail rejected(CaseRejected e) {
    var locale = LocaleContextHolder.getLocale();
    HttpStatus status =
        e.isConflict()
            ? HttpStatus.CONFLICT
            : e.isForbidden()
                ? HttpStatus.FORBIDDEN
                : "case.notFound".equals(e.messageKey())
                    ? HttpStatus.NOT_FOUND
                    : HttpStatus.BAD_REQUEST;
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status, messages.getMessage(e.messageKey(), null, e.messageKey(), locale));
    problem.setTitle(messages.getMessage("error." + status.value() + ".title", null, locale));
    problem.setProperty("code", e.messageKey());
    return problem;
  }

  private CaseView visible(String reference) {
    return cases
        .findVisible(reference, CurrentUser.require())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
