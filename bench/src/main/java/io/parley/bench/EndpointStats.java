package io.parley.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies (microseconds, successful requests only) and counts of one endpoint in one phase,
 * shared by all agents. The latency runs from the request's scheduled start in an open phase and
 * from its sending otherwise; the service time always from its sending.
 */
final class EndpointStats {

  private static final long HIGHEST_MICROS = 3_600_000_000L;

  final String name;
  private final ConcurrentHistogram latencies = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);
  private final ConcurrentHistogram service = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);
  private final LongAdder requests = new LongAdder();
  private final LongAdder errors = new LongAdder();

  EndpointStats(String name) {
    this.name = name;
  }

  void success(long micros, long serviceMicros) {
    requests.increment();
    latencies.recordValue(Math.max(1, Math.min(micros, HIGHEST_MICROS)));
    service.recordValue(Math.max(1, Math.min(serviceMicros, HIGHEST_MICROS)));
  }

  void error() {
    requests.increment();
    errors.increment();
  }

  long requests() {
    return requests.sum();
  }

  long errors() {
    return errors.sum();
  }

  Histogram latencies() {
    return latencies.copy();
  }

  Histogram serviceTimes() {
    return service.copy();
  }
}
