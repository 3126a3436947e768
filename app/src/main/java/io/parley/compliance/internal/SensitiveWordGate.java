package io.parley.compliance.internal;

import io.parley.channels.OutboundGate;
import io.parley.compliance.internal.TextScan.Match;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The brand's sensitive words on every outbound message, through the outbox that every connector
 * sends from: a BLOCK term stops the message, an APPROVE term holds it for a supervisor (once), a
 * REPLACE term is replaced in what the customer receives.
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
      return Verdict.replace(TextScan.replace(text, matches), REPLACED);
    }
    return Verdict.pass();
  }
}
