package io.parley.channels;

import java.util.List;

/** Settings or a request a channel refused; {@code problems} are message keys with arguments. */
public class ChannelRejected extends RuntimeException {

  private final List<Problem> problems;

  public ChannelRejected(List<Problem> problems) {
    super(problems.stream().map(Problem::key).toList().toString());
    this.problems = List.copyOf(problems);
  }

  public ChannelRejected(String key, Object... args) {
    this(List.of(new Problem(key, args)));
  }

  public List<Problem> problems() {
    return problems;
  }

  /** One problem: a message key and its arguments. */
  public record Problem(String key, Object... args) {}
}
