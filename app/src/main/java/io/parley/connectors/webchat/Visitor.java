package io.parley.connectors.webchat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is chatting: anonymous (a random id their browser keeps, {@code v-...}) or identified by the
 * company's server ({@code company:} and the company's own id for them, with name and email).
 */
record Visitor(String key, String displayName, String email, boolean identified) {

  private static final Pattern ANONYMOUS = Pattern.compile("v-[A-Za-z0-9-]{8,64}");

  static Optional<Visitor> anonymous(String id) {
    if (id == null || !ANONYMOUS.matcher(id).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Visitor(id, null, null, false));
  }

  static Visitor identified(String companyId, String name, String email) {
    return new Visitor("company:" + companyId, name, email, true);
  }
}
