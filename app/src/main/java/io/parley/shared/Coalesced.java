package io.parley.shared;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Background work that many commits ask for and one run does: {@link #wake} runs it a moment later
 * (however many commits wake it meanwhile, at most one run waits), {@link #run} runs it now, and a
 * call that finds a run going makes that run go once more when it ends, so nothing asked for waits
 * for the next timer tick. One run at a time on this node; a run that fails is logged and left to
 * the next call.
 */
public final class Coalesced {

  private final Runnable work;
  private final Duration delay;
  private final Logger log;
  private final String failure;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicBoolean queued = new AtomicBoolean();
  private final ScheduledExecutorService wakeups;
  private volatile boolean stopping;

  /**
   * @param thread the name of the thread that runs it when woken
   * @param failure logged (with the exception) when a run fails
   */
  public Coalesced(String thread, Duration delay, Runnable work, Logger log, String failure) {
    this.work = work;
    this.delay = delay;
    this.log = log;
    this.failure = failure;
    this.wakeups =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, thread);
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs the work {@code delay} from now, unless a run is already waiting to start. */
  public void wake() {
    if (!stopping && queued.compareAndSet(false, true)) {
      try {
        wakeups.schedule(
            () -> {
              queued.set(false);
              run();
            },
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        queued.set(false);
      }
    }
  }

  /** Runs the work now, or (when a run is going) once more after it. */
  public void run() {
    again.set(true);
    while (again.get() && !stopping) {
      if (!running.compareAndSet(false, true)) {
        return; // the run going sees "again" when it ends
      }
      try {
        again.set(false);
        work.run();
      } catch (RuntimeException e) {
        log.warn(failure, e);
      } finally {
        running.set(false);
      }
    }
  }

  /** Whether {@link #stop} was called: work in a run should end at its next safe point. */
  public boolean stopping() {
    return stopping;
  }

  /** No run starts any more; the run going is waited for up to {@code wait}. */
  public void stop(Duration wait) {
    stopping = true;
    wakeups.shutdownNow();
    long until = System.nanoTime() + wait.toNanos();
    while (running.get() && System.nanoTime() < until) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
