package io.parley.integration.internal;

import io.parley.integration.CallEventSink;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps one AMI connection to Asterisk while the application runs (when enabled), reconnecting with
 * a growing pause after a failure.
 */
@Component
class AmiConnection implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AmiConnection.class);

  private final IntegrationProperties properties;
  private final CallEventSink sink;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile AmiClient client;
  private Thread thread;

  AmiConnection(IntegrationProperties properties, CallEventSink sink) {
    this.properties = properties;
    this.sink = sink;
  }

  @Override
  public void start() {
    var ami = properties.ami();
    if (!ami.enabled() || !running.compareAndSet(false, true)) {
      return;
    }
    thread =
        new Thread(
            () -> {
              long pause = 1_000;
              while (running.get()) {
                try (var c = new AmiClient(sink)) {
                  client = c;
                  var in = c.connect(ami.host(), ami.port(), ami.username(), ami.secret(), 5_000);
                  log.info("AMI connected to {}:{}", ami.host(), ami.port());
                  pause = 1_000;
                  c.run(in);
                } catch (Exception e) {
                  if (running.get()) {
                    log.warn(
                        "AMI connection to {}:{} failed: {}", ami.host(), ami.port(), e.toString());
                  }
                }
                try {
                  Thread.sleep(pause);
                } catch (InterruptedException e) {
                  return;
                }
                pause = Math.min(60_000, pause * 2);
              }
            },
            "ami-" + ami.host());
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running.set(false);
    try {
      if (client != null) {
        client.close();
      }
    } catch (java.io.IOException e) {
      // closing anyway
    }
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }
}
