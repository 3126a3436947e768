package io.parley.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The committed demo archives are what the generator makes, and read like a real stream. */
class DemoArchiveTests {

  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theCommittedArchivesAreExactlyWhatTheGeneratorProduces() throws IOException {
    assertThat(read(DemoArchiveGenerator.MOBILE))
        .isEqualTo(
            DemoArchiveGenerator.lines(
                DemoArchiveGenerator.ACME_MOBILE,
                DemoArchiveGenerator.SEED,
                DemoArchiveGenerator.MOBILE_POSTS));
    assertThat(read(DemoArchiveGenerator.HOME))
        .isEqualTo(
            DemoArchiveGenerator.lines(
                DemoArchiveGenerator.ACME_HOME,
                DemoArchiveGenerator.SEED + 1,
                DemoArchiveGenerator.HOME_POSTS));
  }

  @Test
  void severalThousandChineseAndEnglishPostsWithComplaintsPraiseRivalsAndThreads()
      throws IOException {
    List<String> lines = read(DemoArchiveGenerator.MOBILE);
    lines = new java.util.ArrayList<>(lines);
    lines.addAll(read(DemoArchiveGenerator.HOME));
    assertThat(lines).hasSizeGreaterThanOrEqualTo(4000);
    Set<String> ids = new HashSet<>();
    Set<String> wangJuns = new HashSet<>();
    int chinese = 0;
    int replies = 0;
    int listened = 0;
    String all = String.join("\n", lines);
    for (String line : lines) {
      ArchivedPost post = ArchivedPost.of(json.readTree(line));
      assertThat(ids.add(post.id())).as("unique id " + post.id()).isTrue();
      if (post.parentId() != null) {
        assertThat(ids).as("a reply follows its parent").contains(post.parentId());
        replies++;
      }
      if ("zh".equals(post.language())) {
        chinese++;
      }
      if ("LISTENED".equals(post.source())) {
        listened++;
      }
      if ("王军".equals(post.author().name())) {
        wangJuns.add(post.author().id());
      }
    }
    assertThat(chinese).isBetween(lines.size() / 3, lines.size() * 3 / 4);
    assertThat(replies).isGreaterThan(lines.size() / 5);
    assertThat(listened).isGreaterThan(lines.size() / 10);
    assertThat(wangJuns).as("different people named 王军").hasSizeGreaterThanOrEqualTo(5);
    assertThat(all)
        .contains("蓝牙无法连接", "screen flickering", "Zenith Z5", "@Acme手机", "@AcmeMobile", "@Acme家居");
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.path("offset").asDouble()).isPositive();
  }

  private List<String> read(String resource) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(getClass().getClassLoader().getResourceAsStream(resource)),
                StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    }
  }
}
