package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every text of the console exists in English and in Simplified Chinese. */
class MessageBundlesTests {

  @Test
  void englishAndChineseHaveTheSameKeys() throws IOException {
    Properties english = load("i18n/messages.properties");
    Properties chinese = load("i18n/messages_zh_CN.properties");

    assertThat(missing(english, chinese)).as("keys in English only").isEmpty();
    assertThat(missing(chinese, english)).as("keys in Chinese only").isEmpty();
  }

  private static Set<String> missing(Properties from, Properties in) {
    var keys = new TreeSet<>(from.stringPropertyNames());
    keys.removeAll(in.stringPropertyNames());
    return keys;
  }

  private static Properties load(String resource) throws IOException {
    var properties = new Properties();
    try (var in = MessageBundlesTests.class.getClassLoader().getResourceAsStream(resource)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
