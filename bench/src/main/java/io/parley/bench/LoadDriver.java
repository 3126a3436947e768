package io.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the simulated agents: one platform thread each, sharing a few HTTP/1.1 clients, first for
 * the warm-up and then for the measured period. The warm-up is always a closed loop (so that the
 * JIT compiler and the caches are warm); paced and open runs then settle at their own pace for a
 * while, unmeasured, before the measured period (see {@link BenchConfig.Pacing}). Bounded in time:
 * every agent stops when the measured period ends.
 */
final class LoadDriver {

  /** Stats of one phase; a request belongs to the phase in which it was sent. */
  static final class Phase {
    final String name;
    final BenchConfig.Pacing pacing;
    final int thinkMillis;
    final Map<String, EndpointStats> endpoints = new LinkedHashMap<>();
    final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    final LongAdder httpRequests = new LongAdder();
    final LongAdder httpErrors = new LongAdder();
    volatile long startNanos;
    volatile long endNanos;
    volatile CpuSample cpuStart;
    volatile CpuSample cpuEnd;

    /** Open pacing, at the end of the phase: agents more than a second behind, the largest lag. */
    volatile int agentsBehind;

    volatile long maxLagMillis;

    Phase(String name, BenchConfig.Pacing pacing, int thinkMillis, List<String> endpointNames) {
      this.name = name;
      this.pacing = pacing;
      this.thinkMillis = thinkMillis;
      endpointNames.forEach(n -> endpoints.put(n, new EndpointStats(n)));
    }

    EndpointStats stats(String endpoint) {
      EndpointStats stats = endpoints.get(endpoint);
      if (stats == null) {
        throw new IllegalArgumentException("Unknown endpoint " + endpoint);
      }
      return stats;
    }

    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }
  }

  static final String AGENT_THREAD_PREFIX = "agent-";

  private static final int MAX_ERROR_SAMPLES = 10;

  private volatile Phase current;

  Phase current() {
    return current;
  }

  void errorSample(Phase phase, String endpoint, String request, int status, String body) {
    if (phase.errorSamples.size() < MAX_ERROR_SAMPLES) {
      String text = body == null ? "" : body.replaceAll("\\s+", " ");
      phase.errorSamples.add(
          String.format(
              "%s: %s -> %s %s",
              endpoint,
              request,
              status < 0 ? "I/O error" : Integer.toString(status),
              text.length() > 300 ? text.substring(0, 300) + "…" : text));
    }
  }

  /** Runs warm-up, settling (paced and open runs) and measurement; returns them in this order. */
  List<Phase> run(
      List<BenchAgents.Agent> agents,
      Scenario scenario,
      URI base,
      BenchConfig config,
      Supplier<CpuSample> cpu,
      Runnable atMeasuredStart,
      Supplier<String> serverStatus,
      Consumer<String> out)
      throws InterruptedException {
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < Math.max(1, config.httpClients()); i++) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(config.timeoutSeconds()))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build());
    }
    boolean human = config.mode() != BenchConfig.Pacing.CLOSED;
    Phase warmup =
        new Phase(
            "warm-up",
            BenchConfig.Pacing.CLOSED,
            human ? 0 : config.thinkMillis(),
            scenario.endpoints());
    Phase settle =
        human
            ? new Phase("settle", config.mode(), config.thinkMillis(), scenario.endpoints())
            : null;
    Phase measured =
        new Phase("measured", config.mode(), config.thinkMillis(), scenario.endpoints());
    List<Thread> threads = new ArrayList<>();
    List<AgentSession> sessions = new ArrayList<>();
    for (BenchAgents.Agent agent : agents) {
      AgentSession session =
          new AgentSession(
              agent,
              clients.get(agent.index() % clients.size()),
              base,
              this,
              Duration.ofSeconds(config.timeoutSeconds()));
      sessions.add(session);
      // Agents start spread over the first seconds of the warm-up rather than in one burst.
      long rampMillis = Math.min(5_000, config.warmupSeconds() * 250L);
      long delay = rampMillis * agent.index() / Math.max(1, agents.size());
      Thread thread =
          new Thread(() -> loop(scenario, session, delay), AGENT_THREAD_PREFIX + agent.username());
      thread.setDaemon(true);
      threads.add(thread);
    }
    warmup.cpuStart = cpu.get();
    warmup.startNanos = System.nanoTime();
    current = warmup;
    threads.forEach(Thread::start);
    pace(warmup, config.warmupSeconds(), serverStatus, out);
    Phase previous = warmup;
    if (settle != null) {
      next(previous, settle, cpu);
      pace(settle, config.settleSeconds(), serverStatus, out);
      previous = settle;
    }
    atMeasuredStart.run();
    next(previous, measured, cpu);
    pace(measured, config.durationSeconds(), serverStatus, out);
    measured.endNanos = System.nanoTime();
    current = null;
    measured.cpuEnd = cpu.get();
    for (AgentSession session : sessions) {
      long lag = session.lagNanos() / 1_000_000;
      if (lag > 1_000) {
        measured.agentsBehind++;
      }
      measured.maxLagMillis = Math.max(measured.maxLagMillis, lag);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int stuck = 0;
    for (Thread thread : threads) {
      thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (thread.isAlive()) {
        stuck++;
      }
    }
    if (stuck > 0) {
      out.accept("  warning: " + stuck + " agents still busy 60 s after the end; left behind");
    }
    return settle == null ? List.of(warmup, measured) : List.of(warmup, settle, measured);
  }

  private void next(Phase previous, Phase next, Supplier<CpuSample> cpu) {
    next.cpuStart = cpu.get();
    previous.cpuEnd = next.cpuStart;
    next.startNanos = System.nanoTime();
    previous.endNanos = next.startNanos;
    current = next;
  }

  private void loop(Scenario scenario, AgentSession session, long delayMillis) {
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    while (current != null) {
      try {
        scenario.turn(session);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        Phase phase = current;
        if (phase != null) {
          errorSample(phase, "agent", session.agent.username(), -1, e.toString());
        }
      }
    }
  }

  /** Sleeps through a phase, printing the request rate every 10 seconds. */
  private static void pace(
      Phase phase, int seconds, Supplier<String> serverStatus, Consumer<String> out)
      throws InterruptedException {
    long end = phase.startNanos + Duration.ofSeconds(seconds).toNanos();
    long lastRequests = 0;
    long lastNanos = phase.startNanos;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        return;
      }
      Thread.sleep(Math.min(10_000, (end - now) / 1_000_000 + 1));
      now = System.nanoTime();
      long requests = phase.httpRequests.sum();
      out.accept(
          String.format(
              "  [%s %3.0f s] %,7.0f req/s, %,d requests, %,d errors; %s",
              phase.name,
              (now - phase.startNanos) / 1e9,
              (requests - lastRequests) / ((now - lastNanos) / 1e9),
              requests,
              phase.httpErrors.sum(),
              serverStatus.get()));
      lastRequests = requests;
      lastNanos = now;
    }
  }
}
