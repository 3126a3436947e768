package io.parley.channels.internal;

import io.parley.channels.InboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a stream's messages into bursts for the inbound pipeline's batch path: a message waits at
 * most {@code linger} for others to join it, and a burst holds at most {@code max}. A quiet stream
 * therefore still hands each message over within the linger; a busy one commits many per
 * transaction instead of one. The stream's reader only puts messages in a bounded queue (when full,
 * it waits, so the network's connection buffers rather than this node's memory); one worker thread
 * per stream hands bursts over in order. Closing hands over what is left before it returns.
 */
final class StreamBatcher implements Consumer<InboundMessage>, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamBatcher.class);
  private static final int RETRIES = 3;

  /** How often a lingering worker looks whether it is closing. */
  private static final long SLICE = TimeUnit.MILLISECONDS.toNanos(20);

  private final BlockingQueue<InboundMessage> queue;
  private final int max;
  private final long lingerNanos;
  private final Consumer<List<InboundMessage>> handler;
  private final Consumer<RuntimeException> onFailure;
  private final Thread worker;
  private volatile boolean closed;

  /**
   * @param handler takes one burst (a failure is retried, then reported to {@code onFailure})
   */
  StreamBatcher(
      String name,
      int max,
      Duration linger,
      Consumer<List<InboundMessage>> handler,
      Consumer<RuntimeException> onFailure) {
    this.queue = new ArrayBlockingQueue<>(Math.max(1, max) * 4);
    this.max = Math.max(1, max);
    this.lingerNanos = linger.toNanos();
    this.handler = handler;
    this.onFailure = onFailure;
    this.worker = new Thread(this::work, name);
    worker.setDaemon(true);
    worker.start();
  }

  /** Called by the stream's reader for each message. */
  @Override
  public void accept(InboundMessage message) {
    if (closed) {
      throw new IllegalStateException("The stream's batcher is closed");
    }
    try {
      queue.put(message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while handing over a streamed message", e);
    }
  }

  private void work() {
    try {
      while (!closed || !queue.isEmpty()) {
        InboundMessage first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<InboundMessage> burst = new ArrayList<>(max);
        burst.add(first);
        long deadline = System.nanoTime() + lingerNanos;
        while (burst.size() < max) {
          InboundMessage next = queue.poll();
          if (next == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) {
              break; // lingered long enough, or closing: hand over what there is
            }
            next = queue.poll(Math.min(left, SLICE), TimeUnit.NANOSECONDS);
            if (next == null) {
              continue;
            }
          }
          burst.add(next);
        }
        handOver(burst);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handOver(List<InboundMessage> burst) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        handler.accept(burst);
        return;
      } catch (RuntimeException e) {
        if (attempt >= RETRIES) {
          log.error(
              "A burst of {} streamed messages could not be handed over (first {})",
              burst.size(),
              burst.get(0).externalId(),
              e);
          onFailure.accept(e);
          return;
        }
        Thread.sleep(1000L * attempt);
      }
    }
  }

  /** Stops taking messages and returns once those taken are handed over. */
  @Override
  public void close() {
    closed = true;
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
