package io.parley.integration.internal;

import io.parley.identity.Users;
import io.parley.integration.CallEvent;
import io.parley.integration.CallEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CTI endpoint: a phone system (or its middleware) posts call events with an admin's API token;
 * the same events the Asterisk AMI adapter produces.
 */
@RestController
@RequestMapping("/api/v1/cti")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Telephony")
class CtiApiController {

  private final CallEvents calls;
  private final Users users;
  private final MessageSource messages;

  CtiApiController(CallEvents calls, Users users, MessageSource messages) {
    this.calls = calls;
    this.users = users;
    this.messages = messages;
  }

  /** {@code type} is ringing, answered or ended; numbers in any format (E.164 preferred). */
  record Event(
      String type, String callId, String caller, String callee, String extension, Instant at) {}

  @PostMapping("/events")
  @Operation(
      summary =
          "A call event: ringing (pops the caller's profile at the extension's agent), answered,"
              + " ended (logs the call on its case)")
  ResponseEntity<Void> event(@RequestBody Event body) {
    CallEvent.Type type;
    try {
      type = CallEvent.Type.valueOf(body.type() == null ? "" : body.type().strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("type");
    }
    calls.accept(
        new CallEvent(
            type, body.callId(), body.caller(), body.callee(), body.extension(), body.at()));
    return ResponseEntity.accepted().build();
  }

  record Extension(String extension) {}

  @PutMapping("/extensions/{username}")
  @Operation(summary = "Give an agent a phone extension (blank: none)")
  ResponseEntity<Void> extension(@PathVariable String username, @RequestBody Extension body) {
    var user =
        users.findByUsername(username).orElseThrow(() -> new IllegalArgumentException("username"));
    calls.assignExtension(user.id(), body == null ? null : body.extension());
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    var locale = LocaleContextHolder.getLocale();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            messages.getMessage("cti.invalid", new Object[] {e.getMessage()}, locale));
    problem.setTitle(messages.getMessage("error.400.title", null, locale));
    problem.setProperty("field", e.getMessage());
    return problem;
  }
}
