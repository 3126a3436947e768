package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent working cases: list a view (usually "mine", sometimes "open" or "unassigned", usually
 * the first page), open one case from that list (the case and its messages: two requests, timed
 * together as "open"), and add a reply or an internal note to it.
 */
final class CaseScenario implements Scenario {

  static final String LIST = "list";
  static final String OPEN = "open";
  static final String OPEN_CASE = "open: case";
  static final String OPEN_MESSAGES = "open: messages";
  static final String REPLY = "reply";

  private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");

  @Override
  public String description() {
    return "cases: list (GET /api/v1/cases ~70% view=mine, 15% open, 15% unassigned; 80% page 0,"
        + " else page 1-5; size 25) -> open (GET /api/v1/cases/{ref} + GET"
        + " /api/v1/cases/{ref}/messages) -> reply (POST /api/v1/cases/{ref}/messages, NOTE or"
        + " REPLY 50/50)";
  }

  @Override
  public List<String> endpoints() {
    return List.of(LIST, OPEN, OPEN_CASE, OPEN_MESSAGES, REPLY);
  }

  @Override
  public List<String> judged() {
    return List.of(LIST, OPEN, OPEN_CASE, OPEN_MESSAGES, REPLY);
  }

  @Override
  public int requestsPerTurn() {
    return 4;
  }

  @Override
  public int thinksPerTurn() {
    return 3;
  }

  @Override
  public void turn(AgentSession s) throws InterruptedException {
    int roll = s.random.nextInt(100);
    String view = roll < 70 ? "mine" : roll < 85 ? "open" : "unassigned";
    int page = s.random.nextInt(100) < 80 ? 0 : 1 + s.random.nextInt(5);
    AgentSession.Call list =
        s.get(LIST, "/api/v1/cases?view=" + view + "&page=" + page + "&size=25");
    if (list.stopped()) {
      return;
    }
    List<String> references = list.ok() ? references(list.body()) : List.of();
    s.remember(references);
    String reference =
        references.isEmpty()
            ? s.knownReference()
            : references.get(s.random.nextInt(references.size()));
    if (reference == null || !s.think()) {
      return;
    }

    LoadDriver.Phase phase = s.phase();
    long started = s.actionStart();
    long sent = System.nanoTime();
    AgentSession.Call aCase = s.get(OPEN_CASE, "/api/v1/cases/" + reference);
    if (aCase.stopped()) {
      return;
    }
    AgentSession.Call messages =
        aCase.ok() ? s.get(OPEN_MESSAGES, "/api/v1/cases/" + reference + "/messages") : null;
    if (messages != null && messages.stopped()) {
      return;
    }
    long ended = System.nanoTime();
    s.record(
        phase,
        OPEN,
        (ended - started) / 1_000,
        (ended - sent) / 1_000,
        aCase.ok() && messages != null && messages.ok());
    if (!aCase.ok() || !s.think()) {
      return;
    }

    boolean note = s.random.nextBoolean();
    String body =
        note
            ? "Checked with the warehouse, replacement ships tomorrow. (" + s.agent.username() + ")"
            : "Thank you for your patience. We have arranged a replacement; it ships tomorrow"
                + " and you will get a tracking number by email.";
    s.post(
        REPLY,
        "/api/v1/cases/" + reference + "/messages",
        "{\"kind\":\"" + (note ? "NOTE" : "REPLY") + "\",\"body\":\"" + body + "\"}");
    s.think();
  }

  static List<String> references(String json) {
    List<String> references = new ArrayList<>();
    Matcher m = REFERENCE.matcher(json);
    while (m.find()) {
      references.add(m.group(1));
    }
    return references;
  }
}
