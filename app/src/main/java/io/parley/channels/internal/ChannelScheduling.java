package io.parley.channels.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Ticks the poller and the outbox ({@code parley.channels.scheduler-tick}); off with {@code
 * parley.channels.scheduler-enabled=false}. Stops both before the database goes away.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ChannelsProperties.class)
class ChannelScheduling implements SchedulingConfigurer, SmartLifecycle {

  private final ChannelPoller poller;
  private final OutboxWorker outbox;
  private final ChannelWatchers watchers;
  private final ChannelStreams streams;
  private final ChannelsProperties properties;
  private volatile boolean running;

  ChannelScheduling(
      ChannelPoller poller,
      OutboxWorker outbox,
      ChannelWatchers watchers,
      ChannelStreams streams,
      ChannelsProperties properties) {
    this.streams = streams;
    this.watchers = watchers;
    this.poller = poller;
    this.outbox = outbox;
    this.properties = properties;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (!properties.schedulerEnabled()) {
      return;
    }
    registrar.addFixedDelayTask(
        () -> {
          if (running) {
            poller.pollDue();
          }
        },
        properties.schedulerTick());
    registrar.addFixedDelayTask(
        () -> {
          if (running) {
            outbox.drain();
          }
        },
        properties.schedulerTick());
    registrar.addFixedDelayTask(
        () -> {
          if (running) {
            watchers.watchAll();
            streams.streamAll();
          }
        },
        java.time.Duration.ofSeconds(5));
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    watchers.shutdown();
    streams.shutdown();
    poller.shutdown();
    outbox.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
