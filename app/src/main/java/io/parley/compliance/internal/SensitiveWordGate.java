package io.parley.compliance.internal;

import io.parley.channels.OutboundGate;
import io.parley.compliance.internal.TextScan.Match;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The brand's sensitive words on every outbound message (its text and its subject), through the
 * outbox that every connector sends from: a BLOCK term stops the message, an APPROVE term holds it
 * for a supervisor (once), a REPLACE term is replaced in what the customer receives.
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
    String subject = inspection.message().subject();
    List<Match> inText = lexicons.scan(inspection.brand(), text);
    // An email's subject reaches the customer too (and often repeats theirs).
    List<Match> inSubject =
        subject == null || subject.isBlank()
            ? List.of()
            : lexicons.scan(inspection.brand(), subject);
    List<Match> matches = new ArrayList<>(inText);
    matches.addAll(inSubject);
    if (matches.isEmpty()) {
      return Verdict.pass();
    }
    if (matches.stream().anyMatch(m -> m.term().action() == TextScan.Action.BLOCK)) {
      return Verdict.block(BLOCKED);
    }
    if (!inspection.approved()
        && matches.stream().anyMatch(m -> m.term().action() == TextScan.Action.APPROVE)) {
      return Verdict.hold(HELD);
    }
    if (matches.stream().anyMatch(m -> m.term().action() == TextScan.Action.REPLACE)) {
      return Verdict.replace(
          inText.isEmpty() ? text : TextScan.replace(text, inText),
          inSubject.isEmpty() ? subject : TextScan.replace(subject, inSubject),
          REPLACED);
    }
    return Verdict.pass();
  }
}
