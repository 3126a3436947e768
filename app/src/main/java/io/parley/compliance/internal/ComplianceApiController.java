package io.parley.compliance.internal;

import io.parley.compliance.Verification;
import io.parley.customers.CustomerId;
import io.parley.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The audit trail's verification and the exports, for auditors' tools (admin or supervisor). */
@RestController
@RequestMapping("/api/v1/compliance")
@Tag(name = "Compliance")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
class ComplianceApiController {

  private final AuditChain chain;
  private final AuditExports exports;
  private final Erasure erasure;

  ComplianceApiController(AuditChain chain, AuditExports exports, Erasure erasure) {
    this.chain = chain;
    this.exports = exports;
    this.erasure = erasure;
  }

  @GetMapping("/audit/verification")
  @Operation(summary = "Verify the whole audit chain; names the first broken entry")
  Verification verify() {
    return chain.verify();
  }

  @GetMapping("/audit/export")
  @Operation(summary = "One case's full history with its audit entries and the chain proof")
  AuditExports.Bundle export(@RequestParam String reference) {
    return exports
        .ofCase(reference, CurrentUser.require())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  @GetMapping("/customers/{id}/export")
  @Operation(summary = "Everything Parley holds about a customer")
  AuditExports.CustomerBundle customer(@PathVariable long id) {
    return exports
        .ofCustomer(new CustomerId(id))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  @PostMapping("/customers/{id}/erasure")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Erase a customer's personal data (pseudonymize; the audit chain stays)")
  Erasure.Result erase(@PathVariable long id) {
    var result = erasure.erase(new CustomerId(id), CurrentUser.require().id());
    if (!result.erased()) {
      throw new ResponseStatusException(
          "compliance.erase.notFound".equals(result.refusedBecause())
              ? HttpStatus.NOT_FOUND
              : HttpStatus.CONFLICT,
          result.refusedBecause());
    }
    return result;
  }
}
