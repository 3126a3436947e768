package io.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated agent's side of the conversation with the server: sends requests with its API
 * token, times them and records them in the phase (warm-up or measured) in which they started.
 */
final class AgentSession {

  /** The outcome of one request; {@code stopped} when the run ended before it was sent. */
  record Call(int status, String body, long micros, boolean stopped) {
    boolean ok() {
      return !stopped && status >= 200 && status < 300;
    }
  }

  private static final Call STOPPED = new Call(0, "", 0, true);

  final BenchAgents.Agent agent;
  final SplittableRandom random;
  private final HttpClient client;
  private final URI base;
  private final LoadDriver driver;
  private final int thinkMillis;
  private final Duration timeout;
  private final List<String> knownReferences = new ArrayList<>();

  AgentSession(
      BenchAgents.Agent agent,
      HttpClient client,
      URI base,
      LoadDriver driver,
      int thinkMillis,
      Duration timeout) {
    this.agent = agent;
    this.client = client;
    this.base = base;
    this.driver = driver;
    this.thinkMillis = thinkMillis;
    this.timeout = timeout;
    this.random = new SplittableRandom(0x9A41E7L * (agent.index() + 1));
  }

  /** The phase a request starting now belongs to; null once the run has stopped. */
  LoadDriver.Phase phase() {
    return driver.current();
  }

  Call get(String endpoint, String path) throws InterruptedException {
    return send(endpoint, request(path).GET().build());
  }

  Call post(String endpoint, String path, String json) throws InterruptedException {
    return send(
        endpoint,
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  /** Records a composite operation (several requests) timed by the scenario. */
  void record(LoadDriver.Phase phase, String endpoint, long micros, boolean ok) {
    if (ok) {
      phase.stats(endpoint).success(micros);
    } else {
      phase.stats(endpoint).error();
    }
  }

  /** Waits the think time, if any; returns false once the run has stopped. */
  boolean think() throws InterruptedException {
    if (thinkMillis > 0) {
      Thread.sleep(thinkMillis);
    }
    return driver.current() != null;
  }

  /** Remembers a few references seen in lists, for turns whose list comes back empty. */
  void remember(List<String> references) {
    for (String reference : references) {
      if (knownReferences.size() < 50) {
        knownReferences.add(reference);
      } else {
        knownReferences.set(random.nextInt(knownReferences.size()), reference);
      }
    }
  }

  String knownReference() {
    return knownReferences.isEmpty()
        ? null
        : knownReferences.get(random.nextInt(knownReferences.size()));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + agent.token())
        .header("Accept", "application/json");
  }

  private Call send(String endpoint, HttpRequest request) throws InterruptedException {
    LoadDriver.Phase phase = driver.current();
    if (phase == null) {
      return STOPPED;
    }
    long started = System.nanoTime();
    int status;
    String body;
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      body = response.body();
    } catch (IOException e) {
      status = -1;
      body = e.toString();
    }
    long micros = (System.nanoTime() - started) / 1_000;
    Call call = new Call(status, body, micros, false);
    phase.httpRequests.increment();
    if (call.ok()) {
      phase.stats(endpoint).success(micros);
    } else {
      phase.stats(endpoint).error();
      phase.httpErrors.increment();
      driver.errorSample(
          phase, endpoint, request.method() + " " + request.uri().getRawPath(), status, body);
    }
    return call;
  }
}
