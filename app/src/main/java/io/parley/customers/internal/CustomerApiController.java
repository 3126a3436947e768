package io.parley.customers.internal;

import io.parley.customers.CustomerId;
import io.parley.customers.CustomerProfile;
import io.parley.customers.CustomerRejected;
import io.parley.customers.CustomerSummary;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.PostalAddress;
import io.parley.customers.SocialIdentityData;
import io.parley.customers.Tier;
import io.parley.shared.PageSlice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** REST API for customers; errors are RFC 9457 problem details. */
@RestController
@RequestMapping("/api/v1/customers")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
@Tag(name = "Customers")
class CustomerApiController {

  private final Customers customers;
  private final MessageSource messages;
  private final io.parley.customers.IdentityResolution resolution;
  private final io.parley.customers.Assets assets;

  CustomerApiController(
      Customers customers,
      MessageSource messages,
      io.parley.customers.IdentityResolution resolution,
      io.parley.customers.Assets assets) {
    this.customers = customers;
    this.messages = messages;
    this.resolution = resolution;
    this.assets = assets;
  }

  record CreateCustomer(
      @NotBlank @Size(max = 200) String displayName,
      @Size(max = 20) String language,
      Tier tier,
      List<String> emails,
      List<String> phones,
      List<@Valid PostalAddress> addresses,
      List<@Valid SocialIdentityData> socialIdentities,
      @Size(max = 4000) String notes) {}

  @GetMapping
  @Operation(
      summary =
          "Search customers by name, email, phone or social handle; stage filters by funnel stage"
              + " (SOCIAL, CONTACT, CUSTOMER). Merged customers are left out.")
  PageSlice<CustomerSummary> search(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(required = false) io.parley.customers.Stage stage,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "25") int size) {
    return customers.search(q, stage, page, size);
  }

  @GetMapping("/{id}/candidates")
  @Operation(summary = "Customers who may be the same person, scored, for an agent to confirm")
  List<io.parley.customers.MatchCandidate> candidates(@PathVariable long id) {
    get(id);
    return resolution.candidates(new CustomerId(id));
  }

  @PostMapping("/candidates/{candidate}/confirm")
  @Operation(summary = "Confirm a candidate: the newer customer is merged into the other")
  io.parley.customers.MergeRecord confirm(@PathVariable long candidate) {
    return resolution.confirm(candidate, actor());
  }

  @PostMapping("/candidates/{candidate}/dismiss")
  @Operation(summary = "Dismiss a candidate: not offered again")
  ResponseEntity<Void> dismiss(@PathVariable long candidate) {
    resolution.dismiss(candidate, actor());
    return ResponseEntity.noContent().build();
  }

  record MergeRequest(Long target) {}

  @PostMapping("/{id}/merge")
  @Operation(summary = "Merge this customer into the target; undo with /merges/{id}/undo")
  io.parley.customers.MergeRecord merge(@PathVariable long id, @RequestBody MergeRequest body) {
    if (body == null || body.target() == null) {
      throw new CustomerRejected("customer.notFound");
    }
    return resolution.merge(new CustomerId(id), new CustomerId(body.target()), actor());
  }

  @GetMapping("/{id}/merges")
  @Operation(summary = "Merges this customer took part in, newest first")
  List<io.parley.customers.MergeRecord> merges(@PathVariable long id) {
    return resolution.merges(new CustomerId(id));
  }

  @PostMapping("/merges/{merge}/undo")
  @Operation(summary = "Undo a merge, restoring both customers, identities, assets and cases")
  io.parley.customers.MergeRecord unmerge(@PathVariable long merge) {
    return resolution.unmerge(merge, actor());
  }

  @GetMapping("/{id}/assets")
  @Operation(summary = "Products the customer owns, with warranty end")
  List<io.parley.customers.AssetView> assets(@PathVariable long id) {
    get(id);
    return assets.ofCustomer(new CustomerId(id));
  }

  @PostMapping("/{id}/assets")
  @Operation(summary = "Record a product the customer owns (the same serial number updates it)")
  ResponseEntity<io.parley.customers.AssetView> addAsset(
      @PathVariable long id, @RequestBody io.parley.customers.NewAsset body) {
    get(id);
    return ResponseEntity.status(HttpStatus.CREATED).body(assets.record(new CustomerId(id), body));
  }

  record CrmLink(String reference) {}

  @PostMapping("/{id}/crm")
  @Operation(summary = "Link the customer to a CRM record; they become a CUSTOMER")
  CustomerProfile linkCrm(@PathVariable long id, @RequestBody CrmLink body) {
    get(id);
    customers.linkCrm(new CustomerId(id), body == null ? null : body.reference());
    return get(id);
  }

  private static Long actor() {
    return io.parley.identity.CurrentUser.get().map(u -> u.id().value()).orElse(null);
  }

  @GetMapping("/{id}")
  @Operation(summary = "A customer's full profile")
  CustomerProfile get(@PathVariable long id) {
    return customers
        .open(
            new CustomerId(id),
            io.parley.identity.CurrentUser.get().map(u -> u.id()).orElse(null),
            "api")
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  @PostMapping
  @Operation(summary = "Register a customer")
  ResponseEntity<CustomerProfile> create(@Valid @RequestBody CreateCustomer body) {
    CustomerId id =
        customers.register(
            new NewCustomer(
                body.displayName(),
                body.language(),
                body.tier(),
                orEmpty(body.emails()),
                orEmpty(body.phones()),
                orEmpty(body.addresses()),
                orEmpty(body.socialIdentities()),
                body.notes()));
    return ResponseEntity.created(URI.create("/api/v1/customers/" + id.value()))
        .body(customers.profile(id).orElseThrow());
  }

  record ChangeCustomer(
      @NotBlank @Size(max = 200) String displayName,
      @Size(max = 20) String language,
      Tier tier,
      List<String> emails,
      List<String> phones,
      List<@Valid PostalAddress> addresses,
      @Size(max = 4000) String notes) {}

  @org.springframework.web.bind.annotation.PutMapping("/{id}")
  @Operation(summary = "Replace a customer's profile and contact points (identities stay)")
  CustomerProfile update(@PathVariable long id, @Valid @RequestBody ChangeCustomer body) {
    get(id);
    customers.update(
        new CustomerId(id),
        CustomerProfile.edited(
            body.displayName(),
            body.language(),
            body.tier(),
            body.notes(),
            orEmpty(body.emails()),
            orEmpty(body.phones()),
            orEmpty(body.addresses())));
    return get(id);
  }

  @PostMapping("/{id}/identities")
  @Operation(summary = "Add a social identity; 409 if it belongs to a customer already")
  ResponseEntity<CustomerProfile> addIdentity(
      @PathVariable long id, @Valid @RequestBody SocialIdentityData identity) {
    get(id);
    customers.addSocialIdentity(new CustomerId(id), identity);
    return ResponseEntity.status(HttpStatus.CREATED).body(get(id));
  }

  @ExceptionHandler(CustomerRejected.class)
  ProblemDetail rejected(CustomerRejected e) {
    var locale = LocaleContextHolder.getLocale();
    boolean conflict =
        e.messageKey().endsWith(".taken")
            || e.messageKey().startsWith("customer.merge.")
            || e.messageKey().equals("customer.candidate.decided");
    if (e.messageKey().endsWith("notFound")) {
      var problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_FOUND,
              messages.getMessage(
                  e.messageKey(), e.arguments(), e.messageKey(), LocaleContextHolder.getLocale()));
      problem.setProperty("code", e.messageKey());
      return problem;
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
            messages.getMessage(e.messageKey(), e.arguments(), e.messageKey(), locale));
    problem.setTitle(
        messages.getMessage(conflict ? "error.409.title" : "error.400.title", null, locale));
    problem.setProperty("code", e.messageKey());
    return problem;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
