package io.parley.integration;

/**
 * The answer of a back-office lookup: found, not found, unavailable (too slow, down, or backing off
 * after failures; {@code reason} says which) or not configured. Never an exception: the console
 * shows what it got.
 */
public record Lookup<T>(Outcome outcome, T value, String reason) {

  public enum Outcome {
    FOUND,
    NOT_FOUND,
    UNAVAILABLE,
    NOT_CONFIGURED
  }

  public static <T> Lookup<T> found(T value) {
    return new Lookup<>(Outcome.FOUND, value, null);
  }

  public static <T> Lookup<T> notFound() {
    return new Lookup<>(Outcome.NOT_FOUND, null, null);
  }

  public static <T> Lookup<T> unavailable(String reason) {
    return new Lookup<>(Outcome.UNAVAILABLE, null, reason);
  }

  public static <T> Lookup<T> notConfigured() {
    return new Lookup<>(Outcome.NOT_CONFIGURED, null, null);
  }

  public boolean isFound() {
    return outcome == Outcome.FOUND;
  }

  public boolean isUnavailable() {
    return outcome == Outcome.UNAVAILABLE;
  }
}
