package io.parley.conversations.internal;

import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Canned responses and how their placeholders are filled in for one case. */
@Service
public class Macros {

  private final MacroRepository macros;

  Macros(MacroRepository macros) {
    this.macros = macros;
  }

  @Transactional(readOnly = true)
  public List<Macro> all() {
    return macros.findAllByOrderByName();
  }

  @Transactional(readOnly = true)
  public Optional<Macro> find(Long id) {
    return macros.findById(id);
  }

  @Transactional
  public Macro create(String name, String body, CaseStatus setStatus, Long owner) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("macro.name.invalid");
    }
    if (body == null || body.isBlank() || body.length() > 10_000) {
      throw new IllegalArgumentException("macro.body.invalid");
    }
    return macros.save(new Macro(name.strip(), body, setStatus, owner));
  }

  /** Fills in {{customer.name}}, {{agent.name}}, {{agent.signature}} and {{case.reference}}. */
  public String render(
      Macro macro, CaseView aCase, String customerName, String agentName, String signature) {
    Map<String, String> values =
        Map.of(
            "customer.name", customerName == null ? "" : customerName,
            "agent.name", agentName == null ? "" : agentName,
            "agent.signature", signature == null ? "" : signature,
            "case.reference", aCase.reference(),
            "case.subject", aCase.subject());
    String text = macro.getBody();
    for (var entry : values.entrySet()) {
      text = text.replace("{{" + entry.getKey() + "}}", entry.getValue());
    }
    return text;
  }
}
