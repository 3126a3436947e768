package io.parley.compliance.internal;

import io.parley.compliance.Verification;
import io.parley.compliance.internal.TextScan.Action;
import io.parley.conversations.Cases;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.Users;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compliance pages: audit trail and its verification, the approval queue, lexicons and
 * retention, exports for auditors, and a customer's data export and erasure. For supervisors and
 * admins (erasure: admins only); the composer's word check is for all staff.
 */
@Controller
class ComplianceController {

  private final AuditLog log;
  private final AuditChain chain;
  private final Approvals approvals;
  private final Lexicons lexicons;
  private final Retention retention;
  private final AuditExports exports;
  private final Erasure erasure;
  private final Brands brands;
  private final Users users;
  private final Cases cases;
  private final JsonMapper json;

  ComplianceController(
      AuditLog log,
      AuditChain chain,
      Approvals approvals,
      Lexicons lexicons,
      Retention retention,
      AuditExports exports,
      Erasure erasure,
      Brands brands,
      Users users,
      Cases cases,
      JsonMapper json) {
    this.log = log;
    this.chain = chain;
    this.approvals = approvals;
    this.lexicons = lexicons;
    this.retention = retention;
    this.exports = exports;
    this.erasure = erasure;
    this.brands = brands;
    this.users = users;
    this.cases = cases;
    this.json = json;
  }

  @GetMapping("/compliance/audit")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String audit(
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String subjectType,
      @RequestParam(required = false) String subjectId,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    model.addAttribute("entries", log.recent(action, subjectType, subjectId, page, 100));
    model.addAttribute("action", action);
    model.addAttribute("subjectType", subjectType);
    model.addAttribute("subjectId", subjectId);
    model.addAttribute("page", Math.max(0, page));
    return "compliance/audit";
  }

  @PostMapping("/compliance/audit/verify")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String verify(Model model) {
    Verification result = chain.verify();
    model.addAttribute("verification", result);
    model.addAttribute("entries", log.recent(null, null, null, 0, 100));
    model.addAttribute("page", 0);
    return "compliance/audit";
  }

  @PostMapping("/compliance/audit/seal")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String seal(RedirectAttributes redirect) {
    chain.seal();
    redirect.addFlashAttribute("notice", "compliance.sealed");
    return "redirect:/compliance/audit";
  }

  @GetMapping("/compliance/approvals")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String approvals(Model model) {
    List<Approvals.Approval> pending = approvals.pending();
    model.addAttribute("pending", pending);
    model.addAttribute("recent", approvals.recent(20));
    model.addAttribute(
        "references",
        pending.stream()
            .collect(
                Collectors.toMap(
                    Approvals.Approval::id, a -> approvals.caseReference(a).orElse(""))));
    model.addAttribute(
        "highlights",
        pending.stream()
            .collect(
                Collectors.toMap(
                    Approvals.Approval::id,
                    a ->
                        lexicons.scan(new BrandId(a.brandId()), a.requestedText()).stream()
                            .map(m -> m.term().term())
                            .distinct()
                            .toList())));
    model.addAttribute("brandNames", brandNames());
    return "compliance/approvals";
  }

  @PostMapping("/compliance/approvals/{id}/approve")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String approve(
      @PathVariable long id,
      @RequestParam(required = false) String text,
      RedirectAttributes redirect) {
    boolean done = approvals.approve(id, text, CurrentUser.require().id());
    redirect.addFlashAttribute(
        done ? "notice" : "error",
        done ? "compliance.approval.approved" : "compliance.approval.decided");
    return "redirect:/compliance/approvals";
  }

  @PostMapping("/compliance/approvals/{id}/reject")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String reject(
      @PathVariable long id,
      @RequestParam(required = false) String reason,
      RedirectAttributes redirect) {
    if (reason == null || reason.isBlank()) {
      redirect.addFlashAttribute("error", "compliance.approval.reasonMissing");
      return "redirect:/compliance/approvals";
    }
    boolean done = approvals.reject(id, reason, CurrentUser.require().id());
    redirect.addFlashAttribute(
        done ? "notice" : "error",
        done ? "compliance.approval.rejected" : "compliance.approval.decided");
    return "redirect:/compliance/approvals";
  }

  @GetMapping("/compliance/lexicon")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String lexicon(@RequestParam(required = false) Long brand, Model model) {
    List<BrandSummary> all = brands.all();
    BrandId chosen = brand != null ? new BrandId(brand) : all.isEmpty() ? null : all.get(0).id();
    model.addAttribute("brands", all);
    model.addAttribute("brand", chosen);
    model.addAttribute("terms", chosen == null ? List.of() : lexicons.of(chosen));
    model.addAttribute("policy", chosen == null ? null : retention.of(chosen).orElse(null));
    model.addAttribute("actions", Action.values());
    return "compliance/lexicon";
  }

  @PostMapping("/compliance/lexicon")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String addTerm(
      @RequestParam long brand,
      @RequestParam String term,
      @RequestParam Action action,
      @RequestParam(required = false) String replacement,
      RedirectAttributes redirect) {
    boolean ok =
        lexicons.put(new BrandId(brand), term, action, replacement, CurrentUser.require().id());
    redirect.addFlashAttribute(
        ok ? "notice" : "error", ok ? "compliance.lexicon.saved" : "compliance.lexicon.invalid");
    return "redirect:/compliance/lexicon?brand=" + brand;
  }

  @PostMapping("/compliance/lexicon/import")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String importTerms(
      @RequestParam long brand,
      @RequestParam(required = false) String list,
      @RequestParam(required = false) MultipartFile file,
      @RequestParam(defaultValue = "BLOCK") Action action,
      RedirectAttributes redirect)
      throws IOException {
    String text = list == null ? "" : list;
    if (file != null && !file.isEmpty()) {
      if (file.getSize() > 2_000_000) {
        redirect.addFlashAttribute("error", "compliance.lexicon.tooLarge");
        return "redirect:/compliance/lexicon?brand=" + brand;
      }
      text = text + "\n" + new String(file.getBytes(), StandardCharsets.UTF_8);
    }
    var result = lexicons.importList(new BrandId(brand), text, action, CurrentUser.require().id());
    redirect.addFlashAttribute("imported", result.imported());
    redirect.addFlashAttribute("refusedLines", result.refusedLines());
    redirect.addFlashAttribute("notice", "compliance.lexicon.imported");
    return "redirect:/compliance/lexicon?brand=" + brand;
  }

  @PostMapping("/compliance/lexicon/{id}/remove")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String removeTerm(@PathVariable long id, @RequestParam long brand, RedirectAttributes redirect) {
    lexicons.remove(new BrandId(brand), id);
    redirect.addFlashAttribute("notice", "compliance.lexicon.removed");
    return "redirect:/compliance/lexicon?brand=" + brand;
  }

  @PostMapping("/compliance/retention")
  @PreAuthorize("hasRole('ADMIN')")
  String retention(
      @RequestParam long brand,
      @RequestParam(required = false) Integer days,
      @RequestParam(defaultValue = "false") boolean legalHold,
      @RequestParam(required = false) String holdReason,
      RedirectAttributes redirect) {
    boolean ok = retention.set(new BrandId(brand), days, legalHold, holdReason);
    redirect.addFlashAttribute(
        ok ? "notice" : "error",
        ok ? "compliance.retention.saved" : "compliance.retention.invalid");
    return "redirect:/compliance/lexicon?brand=" + brand;
  }

  /** The composer asks as the agent types: the case brand's words found in the draft. */
  @PostMapping(value = "/compliance/check", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
  @ResponseBody
  Map<String, Object> check(
      @RequestParam String reference, @RequestParam(defaultValue = "") String text) {
    var aCase =
        cases
            .findVisible(reference, CurrentUser.require())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    var matches =
        lexicons.scan(aCase.brand(), text.length() > 100_000 ? text.substring(0, 100_000) : text);
    return Map.of(
        "matches",
        matches.stream()
            .map(
                m ->
                    Map.of(
                        "start", m.start(),
                        "end", m.end(),
                        "term", m.term().term(),
                        "action", m.term().action().name()))
            .toList());
  }

  @GetMapping("/compliance/export")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  Object export(
      @RequestParam(required = false) String reference,
      @RequestParam(required = false) LocalDate from,
      @RequestParam(required = false) LocalDate to,
      @RequestParam(defaultValue = "html") String format,
      Model model) {
    AuditExports.Bundle bundle;
    if (reference != null && !reference.isBlank()) {
      bundle =
          exports
              .ofCase(reference.strip(), CurrentUser.require())
              .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    } else if (from != null && to != null && !to.isBefore(from)) {
      bundle =
          exports.ofPeriod(
              from.atStartOfDay().toInstant(ZoneOffset.UTC),
              to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
              CurrentUser.require());
    } else {
      model.addAttribute("error", "compliance.export.invalid");
      model.addAttribute("entries", log.recent(null, null, null, 0, 100));
      model.addAttribute("page", 0);
      return "compliance/audit";
    }
    if ("json".equals(format)) {
      return jsonDownload(bundle, "parley-audit-export.json");
    }
    model.addAttribute("bundle", bundle);
    model.addAttribute(
        "users",
        users.findAll(
            bundle.entries().stream()
                .filter(e -> e.actorId() != null)
                .map(e -> new io.parley.identity.UserId(e.actorId()))
                .collect(Collectors.toSet())));
    return "compliance/export";
  }

  @GetMapping("/compliance/customers/{id}/export")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  ResponseEntity<String> customerExport(@PathVariable long id) {
    var bundle =
        exports
            .ofCustomer(new CustomerId(id))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return jsonDownload(bundle, "parley-customer-" + id + ".json");
  }

  @PostMapping("/compliance/customers/{id}/erase")
  @PreAuthorize("hasRole('ADMIN')")
  String erase(
      @PathVariable long id,
      @RequestParam(required = false) String confirm,
      RedirectAttributes redirect) {
    if (!"ERASE".equals(confirm)) {
      redirect.addFlashAttribute("error", "compliance.erase.confirm");
      return "redirect:/customers/" + id;
    }
    var result = erasure.erase(new CustomerId(id), CurrentUser.require().id());
    redirect.addFlashAttribute(
        result.erased() ? "notice" : "error",
        result.erased() ? "compliance.erase.done" : result.refusedBecause());
    return "redirect:/customers/" + id;
  }

  private ResponseEntity<String> jsonDownload(Object body, String filename) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .body(
            json.rebuild()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValueAsString(body));
  }

  private Map<Long, String> brandNames() {
    return brands.all().stream().collect(Collectors.toMap(b -> b.id().value(), BrandSummary::name));
  }
}
