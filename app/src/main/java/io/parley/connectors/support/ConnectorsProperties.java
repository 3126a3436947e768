package io.parley.connectors.support;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the connectors ({@code parley.connectors.*}).
 *
 * @param media how the files customers attach to their posts are fetched
 */
@Validated
@ConfigurationProperties("parley.connectors")
public record ConnectorsProperties(@Valid @DefaultValue Media media) {

  /**
   * @param maxSize a larger file is not fetched (application.yml ties it to {@code
   *     parley.conversations.max-attachment-size}: a case would not keep a larger one)
   * @param maxFilesPerPost files fetched of one post; the rest are named in its text
   * @param timeout one file's whole download, from connecting to its last byte
   * @param maxBytesPerPoll the files of one poll (or one webhook call) together: they are held in
   *     memory until the poll's posts are stored
   * @param maxTimePerPoll time one poll spends fetching files, so that it ends within its poll
   *     lease ({@code parley.channels.poll-lease}, 30 s) and no other poller takes the account
   * @param allowPrivateAddresses whether files may come from loopback, private or link-local
   *     addresses; off, since a post's media address can come from anyone (a remote Mastodon
   *     instance) and must not reach the company's own network
   */
  public record Media(
      @DefaultValue("10MB") DataSize maxSize,
      @Min(0) @DefaultValue("4") int maxFilesPerPost,
      @DefaultValue("15s") Duration timeout,
      @DefaultValue("64MB") DataSize maxBytesPerPoll,
      @DefaultValue("20s") Duration maxTimePerPoll,
      @DefaultValue("false") boolean allowPrivateAddresses) {}
}
