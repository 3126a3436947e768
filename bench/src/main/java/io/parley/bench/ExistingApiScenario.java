package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for {@link CaseScenario} while the case API does not exist: the same loop shape over
 * endpoints the application already has (customer list, who-am-I, a customer's profile). It proves
 * the harness, not the case endpoints' speed.
 */
final class ExistingApiScenario implements Scenario {

  static final String CUSTOMERS = "customers list";
  static final String ME = "me";
  static final String PROFILE = "customer profile";

  /** A customer id in the list: {@code "id":51} or {@code "id":{"value":51}}. */
  private static final Pattern ID =
      Pattern.compile("\"id\"\\s*:\\s*(?:\\{\\s*\"value\"\\s*:\\s*)?(\\d+)");

  @Override
  public String description() {
    return "existing endpoints (case API not present): GET /api/v1/customers?page=0|1&size=25 ->"
        + " GET /api/v1/me -> GET /api/v1/customers/{id}";
  }

  @Override
  public List<String> endpoints() {
    return List.of(CUSTOMERS, ME, PROFILE);
  }

  @Override
  public List<String> judged() {
    return endpoints();
  }

  @Override
  public int requestsPerTurn() {
    return 3;
  }

  @Override
  public int thinksPerTurn() {
    return 3;
  }

  @Override
  public void turn(AgentSession s) throws InterruptedException {
    AgentSession.Call list =
        s.get(CUSTOMERS, "/api/v1/customers?page=" + s.random.nextInt(2) + "&size=25");
    if (list.stopped() || !s.think()) {
      return;
    }
    AgentSession.Call me = s.get(ME, "/api/v1/me");
    if (me.stopped() || !s.think()) {
      return;
    }
    List<String> ids = new ArrayList<>();
    if (list.ok()) {
      Matcher m = ID.matcher(list.body());
      while (m.find()) {
        ids.add(m.group(1));
      }
    }
    if (!ids.isEmpty()) {
      s.get(PROFILE, "/api/v1/customers/" + ids.get(s.random.nextInt(ids.size())));
      s.think();
    }
  }
}
