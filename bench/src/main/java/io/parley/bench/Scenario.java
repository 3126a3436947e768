package io.parley.bench;

import java.util.List;

/** What one simulated agent does in one turn of its loop. */
interface Scenario {

  /** A short description for the report. */
  String description();

  /** The endpoint names this scenario records, in report order. */
  List<String> endpoints();

  /** The endpoints the speed goal is judged on (a subset of {@link #endpoints()}). */
  List<String> judged();

  /** HTTP requests in a complete turn (for the offered rate of paced and open runs). */
  int requestsPerTurn();

  /** Pauses ({@link AgentSession#think()}) in a complete turn. */
  int thinksPerTurn();

  /** One turn: a few requests through the session. Returns early once the run stops. */
  void turn(AgentSession session) throws InterruptedException;
}
