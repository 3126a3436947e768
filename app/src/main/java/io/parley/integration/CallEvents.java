package io.parley.integration;

import io.parley.conversations.CaseId;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.ConsolePush;
import io.parley.conversations.NewCase;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.customers.CustomerSummary;
import io.parley.customers.Customers;
import io.parley.customers.PhoneNumbers;
import io.parley.identity.BrandId;
import io.parley.identity.UserId;
import io.parley.integration.internal.AgentExtension;
import io.parley.integration.internal.AgentExtensionRepository;
import io.parley.integration.internal.Call;
import io.parley.integration.internal.CallRepository;
import io.parley.shared.AfterCommit;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Phone calls in the console: a ringing call pops the caller's profile in the console of the agent
 * whose extension rings (callers matched by their number in E.164, whatever its format); the agent
 * may open a case from the pop; when the call has a case and has ended, a call log (a note with the
 * talk time) is added to the case.
 */
@Service
public class CallEvents implements CallEventSink {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final CallRepository calls;
  private final AgentExtensionRepository extensions;
  private final Customers customers;
  private final Cases cases;
  private final ConsolePush push;
  private final MessageSource messages;

  CallEvents(
      CallRepository calls,
      AgentExtensionRepository extensions,
      Customers customers,
      Cases cases,
      ConsolePush push,
      MessageSource messages) {
    this.calls = calls;
    this.extensions = extensions;
    this.customers = customers;
    this.cases = cases;
    this.push = push;
    this.messages = messages;
  }

  /** Throws {@link IllegalArgumentException} naming the first invalid field. */
  @Override
  @Transactional
  public void accept(CallEvent e) {
    validate(e);
    // Whole milliseconds: the database keeps microseconds (rounded), and a call's duration must
    // not change by a second depending on which of its times were read back.
    Instant at = (e.at() == null ? Instant.now() : e.at()).truncatedTo(ChronoUnit.MILLIS);
    String caller = blankToNull(e.caller());
    Call call =
        calls
            .findByCallId(e.callId())
            .orElseGet(
                () ->
                    new Call(
                        e.callId(),
                        caller,
                        PhoneNumbers.e164(caller).orElse(null),
                        blankToNull(e.callee()),
                        at));
    Long agent = agentAt(e.extension()).orElse(null);
    switch (e.type()) {
      case RINGING -> {
        List<CustomerSummary> known =
            call.getCallerE164() == null ? List.of() : customers.findByPhone(call.getCallerE164());
        call.ringsAt(
            blankToNull(e.extension()),
            agent,
            known.size() == 1 ? known.get(0).id().value() : null);
        calls.save(call);
        if (agent != null) {
          String data = "{\"call\":" + call.getId() + "}";
          AfterCommit.run(() -> push.toUser(new UserId(agent), "screenpop", data));
        }
      }
      case ANSWERED -> {
        call.answered(at, blankToNull(e.extension()), agent);
        calls.save(call);
      }
      case ENDED -> {
        call.ended(at);
        calls.save(call);
        logIfDone(call);
      }
    }
  }

  /** The agent's phone extension, if they have one. */
  @Transactional(readOnly = true)
  public Optional<String> extensionOf(UserId agent) {
    return extensions.findById(agent.value()).map(AgentExtension::getExtension);
  }

  /** Gives an agent an extension (blank: none); an extension rings at one agent only. */
  @Transactional
  public void assignExtension(UserId agent, String extension) {
    String ext = blankToNull(extension);
    if (ext == null) {
      extensions.deleteById(agent.value());
      return;
    }
    if (!ext.matches("[0-9A-Za-z*#+]{1,20}")) {
      throw new IllegalArgumentException("extension");
    }
    extensions
        .findByExtension(ext)
        .filter(x -> !x.getUserId().equals(agent.value()))
        .ifPresent(extensions::delete);
    extensions.flush();
    extensions
        .findById(agent.value())
        .ifPresentOrElse(
            x -> x.change(ext), () -> extensions.save(new AgentExtension(agent.value(), ext)));
  }

  /** A call as the pop shows it, with the customers its number belongs to. */
  public record CallView(
      long id,
      String caller,
      String callerE164,
      String callee,
      String extension,
      String state,
      Long agent,
      Long customer,
      Long caseId,
      Instant ringingAt,
      List<CustomerSummary> callers) {}

  @Transactional(readOnly = true)
  public Optional<CallView> find(long id) {
    return calls.findById(id).map(this::view);
  }

  /**
   * Opens a case for the call, for the given customer (one of those with the caller's number) or
   * the caller's customer, or links the case already opened. Logs the call if it has ended.
   */
  @Transactional
  public CaseView openCase(long callId, UserId agent, BrandId brand, CustomerId chosen) {
    Call call = calls.findById(callId).orElseThrow(() -> new IllegalArgumentException("call"));
    if (call.getCaseId() != null) {
      var existing = cases.find(new CaseId(call.getCaseId()));
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    CustomerId customer = chosen;
    if (customer == null && call.getCustomerId() != null) {
      customer = new CustomerId(call.getCustomerId());
    }
    if (customer == null) {
      customer =
          customers.resolveContact(
              new io.parley.customers.Contact(
                  "phone",
                  call.getCallerE164() != null ? call.getCallerE164() : call.getCaller(),
                  null,
                  call.getCaller(),
                  null,
                  null,
                  call.getCaller(),
                  null,
                  null,
                  null));
    }
    String number = call.getCallerE164() != null ? call.getCallerE164() : call.getCaller();
    var locale = LocaleContextHolder.getLocale();
    CaseView opened =
        cases.open(
            new NewCase(
                brand,
                messages.getMessage("call.subject", new Object[] {number}, locale),
                Priority.NORMAL,
                customer,
                null,
                "phone",
                messages.getMessage("call.firstMessage", new Object[] {number}, locale),
                call.getRingingAt()));
    cases.assign(opened.id(), agent);
    call.belongsTo(opened.id().value(), customer.value());
    if (call.getAgentUserId() == null) {
      call.answered(call.getRingingAt(), null, agent.value());
    }
    logIfDone(call);
    return opened;
  }

  private void logIfDone(Call call) {
    if (call.getState() != Call.State.ENDED
        || call.getCaseId() == null
        || call.isLogged()
        || call.getAgentUserId() == null) {
      return;
    }
    var zone = ZoneId.systemDefault();
    long seconds = call.talkTime().toSeconds();
    String body =
        messages.getMessage(
            "call.log",
            new Object[] {
              call.getCallerE164() != null ? call.getCallerE164() : call.getCaller(),
              call.getExtension() == null ? "—" : call.getExtension(),
              call.getAnsweredAt() == null ? "—" : TIME.format(call.getAnsweredAt().atZone(zone)),
              TIME.format(call.getEndedAt().atZone(zone)),
              String.format("%d:%02d", seconds / 60, seconds % 60)
            },
            LocaleContextHolder.getLocale());
    cases.note(new CaseId(call.getCaseId()), new UserId(call.getAgentUserId()), body);
    call.markLogged();
  }

  private CallView view(Call c) {
    List<CustomerSummary> callers =
        c.getCallerE164() == null ? List.of() : customers.findByPhone(c.getCallerE164());
    return new CallView(
        c.getId(),
        c.getCaller(),
        c.getCallerE164(),
        c.getCallee(),
        c.getExtension(),
        c.getState().name(),
        c.getAgentUserId(),
        c.getCustomerId(),
        c.getCaseId(),
        c.getRingingAt(),
        callers);
  }

  private Optional<Long> agentAt(String extension) {
    String ext = blankToNull(extension);
    return ext == null
        ? Optional.empty()
        : extensions.findByExtension(ext).map(AgentExtension::getUserId);
  }

  private static void validate(CallEvent e) {
    if (e.type() == null) {
      throw new IllegalArgumentException("type");
    }
    if (e.callId() == null || e.callId().isBlank() || e.callId().length() > 200) {
      throw new IllegalArgumentException("callId");
    }
    if (e.caller() != null && e.caller().length() > 40) {
      throw new IllegalArgumentException("caller");
    }
    if (e.callee() != null && e.callee().length() > 40) {
      throw new IllegalArgumentException("callee");
    }
    if (e.extension() != null && e.extension().length() > 20) {
      throw new IllegalArgumentException("extension");
    }
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
