package io.parley.channels;

import io.parley.channels.internal.ChannelAccountRepository;
import io.parley.channels.internal.ConnectorRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Brings the files of listened posts that become cases (by a rule, or an agent's click on the
 * mention): the account's connector fetches the files each post carries by reference ({@link
 * InboundMessage#media()}), with the limits of its own downloads. Never throws and never loses a
 * post: when the connector cannot (the account is off, it failed), each file is named in the text
 * with its link. Call it outside any transaction: it waits for the downloads.
 */
@Service
public class ListenedMedia {

  private static final Logger log = LoggerFactory.getLogger(ListenedMedia.class);

  /** How long an agent who makes a watched post a case waits at most for its files. */
  static final Duration AGENT_WAIT = Duration.ofSeconds(30);

  private final ChannelAccountRepository accounts;
  private final ConnectorRegistry registry;

  ListenedMedia(ChannelAccountRepository accounts, ConnectorRegistry registry) {
    this.accounts = accounts;
    this.registry = registry;
  }

  /**
   * The post with its files fetched, or named where they could not be: for an agent's click, who
   * waits at most {@link #AGENT_WAIT} (and the connector's own limits).
   */
  public InboundMessage fetch(ChannelAccountId account, InboundMessage post) {
    return fetchAll(account, List.of(post), Instant.now().plus(AGENT_WAIT)).get(0);
  }

  /**
   * The posts of one account with their files fetched, within one download budget that ends by
   * {@code until} (a poll's lease, a stream's burst; what is left of it when the downloads start):
   * a file not fetched by then is named with its link. Those without media references as they are.
   * Results in the order given.
   */
  public List<InboundMessage> fetchAll(
      ChannelAccountId account, List<InboundMessage> posts, Instant until) {
    if (posts.stream().allMatch(p -> p.media().isEmpty())) {
      return posts;
    }
    String failure;
    try {
      Optional<ChannelConnector> connector =
          accounts.findById(account.value()).flatMap(registry::connector);
      if (connector.isPresent()) {
        List<InboundMessage> fetched = connector.get().fetchMedia(posts, left(until));
        if (fetched != null && fetched.size() == posts.size()) {
          return fetched;
        }
        failure = "the channel gave no answer";
      } else {
        failure = "the channel account is off";
      }
    } catch (RuntimeException e) {
      log.warn("Fetching the media of listened posts on account {} failed", account.value(), e);
      failure = "failed (" + e.getClass().getSimpleName() + ")";
    }
    String reason = failure;
    return posts.stream().map(p -> p.withMediaNamed(reason)).toList();
  }

  /** What is left until {@code until}: none once it has passed. */
  static Duration left(Instant until) {
    Duration left = Duration.between(Instant.now(), until);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
