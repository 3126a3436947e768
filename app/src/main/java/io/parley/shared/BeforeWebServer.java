package io.parley.shared;

import org.springframework.context.SmartLifecycle;

/**
 * Work done once at start, before the embedded web server opens its port (Spring Boot starts it in
 * phase {@code DEFAULT_PHASE - 2048}), so the first request finds what it made: the admin account,
 * the demo data. Lower phases run first.
 */
public abstract class BeforeWebServer implements SmartLifecycle {

  /** The admin account: before anything else that creates data at start. */
  public static final int ADMIN = DEFAULT_PHASE - 8192;

  /** The demo company, then what builds on it ({@code DEMO + 1}). */
  public static final int DEMO = DEFAULT_PHASE - 4096;

  private final int phase;
  private volatile boolean running;

  protected BeforeWebServer(int phase) {
    if (phase >= DEFAULT_PHASE - 2048) {
      throw new IllegalArgumentException("phase " + phase + " is not before the web server's");
    }
    this.phase = phase;
  }

  /** The work; the start waits for it. */
  protected abstract void run();

  @Override
  public final void start() {
    run();
    running = true;
  }

  @Override
  public final void stop() {
    running = false;
  }

  @Override
  public final boolean isRunning() {
    return running;
  }

  @Override
  public final int getPhase() {
    return phase;
  }
}
