package io.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ListenedPosts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the connector contract gives a connector that does not implement a part of it. */
class ChannelConnectorTests {

  @Test
  void aConnectorThatDoesNotFetchFilesNamesEachOnThePostWithItsLink() {
    ChannelConnector connector = message -> DeliveryResult.failed("not sending");
    InboundMessage post =
        ListenedPosts.post(
            "p-1",
            null,
            "My X12 flickers",
            InboundMessage.Source.LISTENED,
            List.of(
                new InboundMedia("photo", "https://cdn.example/f.jpg", null, "the screen"),
                new InboundMedia(
                    "video", "https://cdn.example/still.jpg", "https://x.example/v", null)));

    List<InboundMessage> fetched =
        connector.fetchMedia(List.of(post), java.time.Duration.ofSeconds(20));

    assertThat(fetched).hasSize(1);
    assertThat(fetched.get(0).attachments()).isEmpty();
    assertThat(fetched.get(0).text())
        .isEqualTo(
            "My X12 flickers\n\n"
                + "[photo (not downloaded: this channel does not fetch files):"
                + " https://cdn.example/f.jpg]\n"
                + "[video (not downloaded: this channel does not fetch files):"
                + " https://x.example/v]");
    assertThat(fetched.get(0).media()).isEqualTo(post.media());
  }
}
