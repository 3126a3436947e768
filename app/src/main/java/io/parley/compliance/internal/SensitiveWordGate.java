package io.parley.compliance.internal;

import io.parley.channels.OutboundGate;
import io.parley.compliance.internal.TextScan.Match;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The brand's sensitive words on every outbound message, through the outbox that every connector
 * sends from: in its text a BLOCK term stops the message, an APPROVE term holds it for a supervisor
 * (once), a REPLACE term is replaced in what the customer receives; in an email's subject every
 * term is masked.
 */
@Component
class SensitiveWordGate implements OutboundGate {

  static final String BLOCKED = "delivery.compliance.blocked";
  static final String HELD = "delivery.compliance.held";
  static final String REPLACED = "delivery.compliance.replaced";

  private final Lexicons lexicons;

  SensitiveWordGate(Lexicons lexicons) {
    this.lexicons = lexicons;
  }

  @Override
  public Verdict inspect(Inspection inspection) {
    String text = inspection.message().text();
    List<Match> matches = lexicons.scan(inspection.brand(), text);
    String subject = subjectSent(inspection);
    // An email's subject repeats the case's, often the customer's own words: what it holds of the
    // lexicon is masked (never blocking the agent's reply for words the customer wrote).
    List<Match> inSubject =
        subject == null ? List.of() : lexicons.scan(inspection.brand(), subject);
    String maskedSubject = inSubject.isEmpty() ? subject : TextScan.mask(subject, inSubject);
    if (matches.stream().anyMatch(m -> m.term().action() == TextScan.Action.BLOCK)) {
      return Verdict.block(BLOCKED);
    }
    if (!inspection.approved()
        && matches.stream().anyMatch(m -> m.term().action() == TextScan.Action.APPROVE)) {
      return Verdict.hold(HELD);
    }
    boolean replaceInText =
        matches.stream().anyMatch(m -> m.term().action() == TextScan.Action.REPLACE);
    if (replaceInText || !inSubject.isEmpty()) {
      return Verdict.replace(
          replaceInText ? TextScan.replace(text, matches) : text, maskedSubject, REPLACED);
    }
    return Verdict.pass();
  }

  /** The subject the customer will see: only email sends one (chats carry it unseen). */
  private static String subjectSent(Inspection inspection) {
    String subject = inspection.message().subject();
    return "email".equals(inspection.channelType()) && subject != null && !subject.isBlank()
        ? subject
        : null;
  }
}
