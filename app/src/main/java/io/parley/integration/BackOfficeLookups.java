package io.parley.integration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.customers.CustomerSummary;
import io.parley.integration.internal.BackOfficeSettings;
import io.parley.integration.internal.BackOfficeSettingsRepository;
import io.parley.integration.internal.Backoff;
import io.parley.integration.internal.HttpBackOffice;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks up orders and warranty in the back-office system without ever holding the console up: each
 * lookup waits at most the configured budget (the HTTP call goes on in the background and fills the
 * cache when it finishes late), answers come from a cache for a while, identical lookups in flight
 * share one call, and after repeated failures calls pause (doubling) so a down system costs
 * nothing.
 */
@Service
public class BackOfficeLookups {

  private final BackOfficeSettingsRepository settings;
  private final HttpBackOffice http;
  private final Backoff backoff =
      new Backoff(3, Duration.ofSeconds(5), Duration.ofMinutes(5), Clock.systemUTC());
  private final Map<String, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
  private volatile Cache<String, Object> cache = newCache(60);
  private volatile BackOfficeSettings current;

  BackOfficeLookups(BackOfficeSettingsRepository settings, HttpBackOffice http) {
    this.settings = settings;
    this.http = http;
  }

  /** The orders of a customer, found by their email, phone and CRM reference. */
  public Lookup<List<OrderInfo>> ordersOf(CustomerSummary customer) {
    return lookup("orders:" + customer.id().value(), s -> http.orders(s, customer));
  }

  /** One order by its number. */
  public Lookup<OrderInfo> order(String orderNumber) {
    return lookup("order:" + orderNumber, s -> http.order(s, orderNumber));
  }

  /** The warranty end the back office knows for a serial number (ISO date as it wrote it). */
  public Lookup<String> warrantyEnd(String serialNumber) {
    return lookup("warranty:" + serialNumber, s -> http.warrantyEnd(s, serialNumber));
  }

  /** The settings as they are now (a copy to edit). */
  @Transactional(readOnly = true)
  public BackOfficeSettings settings() {
    return settings.findById(BackOfficeSettings.ID).orElseGet(BackOfficeSettings::new);
  }

  /** Saves new settings: the cache is emptied and any backoff forgotten. */
  @Transactional
  public void save(BackOfficeSettings changed) {
    changed.touch();
    settings.save(changed);
    current = changed;
    cache = newCache(changed.getCacheSeconds());
    inFlight.clear();
    backoff.reset();
  }

  @SuppressWarnings("unchecked")
  private <T> Lookup<T> lookup(
      String key, java.util.function.Function<BackOfficeSettings, CompletableFuture<T>> call) {
    BackOfficeSettings s = active();
    if (s == null || !s.isEnabled() || s.getBaseUrl() == null || s.getBaseUrl().isBlank()) {
      return Lookup.notConfigured();
    }
    Object cached = cache.getIfPresent(key);
    if (cached != null) {
      return cached == NOT_FOUND ? Lookup.notFound() : Lookup.found((T) cached);
    }
    CompletableFuture<T> future = (CompletableFuture<T>) inFlight.get(key);
    if (future == null) {
      if (!backoff.allows()) {
        return Lookup.unavailable("backoff");
      }
      Cache<String, Object> into = cache;
      future = call.apply(s);
      CompletableFuture<T> started = future;
      inFlight.put(key, started);
      started.whenComplete(
          (value, error) -> {
            inFlight.remove(key, started);
            if (error == null) {
              backoff.succeeded();
              into.put(key, value == null ? NOT_FOUND : value);
            } else {
              backoff.failed();
            }
          });
    }
    try {
      T value = future.get(s.getBudgetMs(), TimeUnit.MILLISECONDS);
      return value == null ? Lookup.notFound() : Lookup.found(value);
    } catch (TimeoutException e) {
      return Lookup.unavailable("timeout");
    } catch (ExecutionException e) {
      return Lookup.unavailable("error");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Lookup.unavailable("interrupted");
    }
  }

  private BackOfficeSettings active() {
    BackOfficeSettings s = current;
    if (s == null) {
      s = settings.findById(BackOfficeSettings.ID).orElse(null);
      current = s;
      if (s != null) {
        cache = newCache(s.getCacheSeconds());
      }
    }
    return s;
  }

  private static final Object NOT_FOUND = new Object();

  private static Cache<String, Object> newCache(int seconds) {
    return Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfterWrite(Duration.ofSeconds(Math.max(1, seconds)))
        .build();
  }
}
