package io.parley.conversations;

import io.parley.conversations.internal.Macros;
import org.springframework.stereotype.Service;

/** Defining macros (canned responses) from other modules, e.g. demo data or imports. */
@Service
public class CannedResponses {

  private final Macros macros;

  CannedResponses(Macros macros) {
    this.macros = macros;
  }

  /** Defines a macro shared by the team; see the placeholders on {@code Macro}. */
  public long define(String name, String body, CaseStatus setStatus) {
    return macros.create(name, body, setStatus, null).getId();
  }
}
