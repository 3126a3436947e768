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
 * token, times them and records them in the phase (warm-up, settle or measured) in which they
 * started, and pauses between actions as the phase's pacing says.
 *
 * <p>In an open phase each action has a scheduled start: the previous action's scheduled start plus
 * a random gap, whenever the previous answer came. The first request of an action is timed from
 * that scheduled start, so time spent waiting behind a slow answer counts (no coordinated
 * omission); its service time (from the moment it was sent) is recorded too.
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
  private final Duration timeout;
  private final List<String> knownReferences = new ArrayList<>();

  /** Open pacing: when the next action is scheduled to start (System.nanoTime), else 0. */
  private long scheduledNanos;

  /** Open pacing: the scheduled start the next request is timed from; 0 = from its sending. */
  private long pendingScheduleNanos;

  AgentSession(
      BenchAgents.Agent agent, HttpClient client, URI base, LoadDriver driver, Duration timeout) {
    this.agent = agent;
    this.client = client;
    this.base = base;
    this.driver = driver;
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

  /**
   * Records a composite operation (several requests) timed by the scenario: from {@link
   * #actionStart()} and from the sending of its first request.
   */
  void record(
      LoadDriver.Phase phase, String endpoint, long micros, long serviceMicros, boolean ok) {
    if (ok) {
      phase.stats(endpoint).success(micros, serviceMicros);
    } else {
      phase.stats(endpoint).error();
    }
  }

  /**
   * When the action about to begin started: its scheduled start in an open phase, else now. Call it
   * before the action's first request.
   */
  long actionStart() {
    long now = System.nanoTime();
    return pendingScheduleNanos != 0 ? Math.min(pendingScheduleNanos, now) : now;
  }

  /**
   * Pauses between two actions as the current phase says: closed, the fixed think time (if any);
   * paced, a random think time after the answer; open, until the next action's scheduled start.
   * Returns false once the run has stopped.
   */
  boolean think() throws InterruptedException {
    LoadDriver.Phase phase = driver.current();
    if (phase == null) {
      return false;
    }
    switch (phase.pacing) {
      case CLOSED -> {
        scheduledNanos = 0;
        pendingScheduleNanos = 0;
        if (phase.thinkMillis > 0) {
          Thread.sleep(phase.thinkMillis);
        }
      }
      case PACED -> {
        scheduledNanos = 0;
        pendingScheduleNanos = 0;
        Thread.sleep(randomThinkNanos(phase.thinkMillis) / 1_000_000);
      }
      case OPEN -> {
        long now = System.nanoTime();
        if (scheduledNanos == 0) {
          scheduledNanos = now; // entering an open phase: the schedule starts here
        }
        scheduledNanos += randomThinkNanos(phase.thinkMillis);
        pendingScheduleNanos = scheduledNanos;
        long wait = scheduledNanos - now;
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    }
    return driver.current() != null;
  }

  /** How far this agent is behind its schedule (open pacing), in nanoseconds; 0 if not behind. */
  long lagNanos() {
    return scheduledNanos == 0 ? 0 : Math.max(0, System.nanoTime() - scheduledNanos);
  }

  /**
   * A human pause: exponentially distributed with the given mean (so that 200 agents together send
   * requests much like a Poisson stream), capped at ten times the mean.
   */
  private long randomThinkNanos(int meanMillis) {
    if (meanMillis <= 0) {
      return 0;
    }
    double mean = meanMillis * 1_000_000.0;
    double gap = -mean * Math.log(1 - random.nextDouble());
    return (long) Math.min(gap, 10 * mean);
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
    // The first request of an action in an open phase counts from the action's scheduled start.
    long from = pendingScheduleNanos != 0 ? Math.min(pendingScheduleNanos, started) : started;
    pendingScheduleNanos = 0;
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
    long ended = System.nanoTime();
    long micros = (ended - from) / 1_000;
    Call call = new Call(status, body, micros, false);
    phase.httpRequests.increment();
    if (call.ok()) {
      phase.stats(endpoint).success(micros, (ended - started) / 1_000);
    } else {
      phase.stats(endpoint).error();
      phase.httpErrors.increment();
      driver.errorSample(
          phase, endpoint, request.method() + " " + request.uri().getRawPath(), status, body);
    }
    return call;
  }
}
