package io.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.parley.identity.BrandId;
import io.parley.identity.Brands;
import io.parley.support.ParleyTest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every connector promises, checked for each {@link ChannelConnectorFactory} in the
 * application, so a new connector is held to it without a line here: a stable type, its texts in
 * both languages, secrets never shown again, the capabilities it declares implemented, and failures
 * of its network reported as results rather than thrown.
 */
@ParleyTest
class ConnectorContractTests {

  static final String UNREACHABLE_URL = "http://127.0.0.1:1/contract";

  @Autowired List<ChannelConnectorFactory> factories;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;

  @TestFactory
  Stream<DynamicNode> everyConnectorKeepsTheContract() throws IOException {
    Properties english = messages("i18n/messages.properties");
    Properties chinese = messages("i18n/messages_zh_CN.properties");
    assertThat(factories).as("connector factories in the application").isNotEmpty();
    return factories.stream()
        .map(
            factory ->
                dynamicContainer(
                    factory.type(),
                    Stream.of(
                        dynamicTest(
                            "has a stable lower-case type listed among channel types",
                            () -> typeIsStable(factory)),
                        dynamicTest(
                            "describes itself in English and Chinese",
                            () -> {
                              textsExist(factory, english, "messages.properties");
                              textsExist(factory, chinese, "messages_zh_CN.properties");
                            }),
                        dynamicTest(
                            "describes valid settings", () -> settingsAreWellFormed(factory)),
                        dynamicTest(
                            "never shows a secret setting again", () -> secretsStayHidden(factory)),
                        dynamicTest(
                            "implements what its capabilities declare",
                            () -> capabilitiesAreImplemented(factory)),
                        dynamicTest(
                            "answers a send it cannot deliver instead of throwing",
                            () -> sendNeverThrows(factory)),
                        dynamicTest(
                            "reports an unreachable network as a connector failure",
                            () -> pollFailsAsConnectorException(factory)),
                        dynamicTest(
                            "refuses an unsigned webhook call without throwing",
                            () -> unsignedWebhookIsRefused(factory)),
                        dynamicTest(
                            "states how replies are counted, addressed and timed",
                            () -> replyRulesAreStated(factory)),
                        dynamicTest(
                            "fetches a missing parent or says why not, without other exceptions",
                            () -> fetchFailsAsConnectorException(factory)))));
  }

  private void typeIsStable(ChannelConnectorFactory factory) {
    // "x" is a released type: one letter is enough.
    assertThat(factory.type()).matches("[a-z][a-z0-9-]{0,29}");
    assertThat(ChannelAccounts.TYPES).contains(factory.type());
    assertThat(factories.stream().filter(f -> f.type().equals(factory.type()))).hasSize(1);
  }

  private static void textsExist(ChannelConnectorFactory factory, Properties texts, String file) {
    List<String> keys = new ArrayList<>();
    keys.add(factory.displayNameKey());
    keys.add("channels.address.help." + factory.type());
    for (ConfigProperty p : factory.configProperties()) {
      keys.add(p.labelKey());
      keys.add(p.helpKey());
      p.options().forEach(o -> keys.add("connector.option." + o));
    }
    assertThat(keys.stream().filter(k -> !texts.containsKey(k)).toList())
        .as("keys missing from " + file)
        .isEmpty();
  }

  private static void settingsAreWellFormed(ChannelConnectorFactory factory) {
    List<ConfigProperty> properties = factory.configProperties();
    assertThat(properties.stream().map(ConfigProperty::name).distinct()).hasSize(properties.size());
    for (ConfigProperty p : properties) {
      assertThat(p.name()).matches("[a-z][A-Za-z0-9]*");
      if (p.type() == ConfigProperty.Type.SELECT) {
        assertThat(p.options()).isNotEmpty().contains(p.defaultValue());
      }
      if (p.type() == ConfigProperty.Type.SECRET) {
        assertThat(p.defaultValue()).as("a secret has no default").isNull();
      }
    }
    assertThat(factory.validate(settings(factory))).as("filled-in settings pass").isEmpty();
  }

  private void secretsStayHidden(ChannelConnectorFactory factory) {
    BrandId brand =
        brands.all().stream()
            .filter(b -> !b.casePrefix().equals("ACME"))
            .findFirst()
            .orElseThrow()
            .id();
    String address = "contract-" + factory.type() + "-" + System.nanoTime() + "@contract.test";
    Map<String, String> settings = settings(factory);
    ChannelAccountId id =
        accounts
            .connect(brand, factory.type(), "Contract " + factory.type(), address, settings)
            .id();
    try {
      Map<String, String> visible = accounts.visibleSettings(id);
      for (ConfigProperty p : factory.configProperties()) {
        if (p.type() == ConfigProperty.Type.SECRET) {
          assertThat(visible).doesNotContainKey(p.name());
          assertThat(visible.values()).doesNotContain(settings.get(p.name()));
        } else if (p.required()) {
          assertThat(visible).containsKey(p.name());
        }
      }
    } finally {
      // Switched off at once, so it is never polled nor chosen to send another test's reply.
      accounts.activate(id, false);
    }
  }

  private static void capabilitiesAreImplemented(ChannelConnectorFactory factory) throws Exception {
    Set<Capability> capabilities = factory.capabilities();
    try (ChannelConnector connector = factory.create(account(factory))) {
      Class<?> type = connector.getClass();
      if (capabilities.contains(Capability.POLL)) {
        assertThat(overrides(type.getMethod("poll", String.class))).as("poll").isTrue();
      }
      if (capabilities.contains(Capability.WEBHOOK)) {
        assertThat(overrides(type.getMethod("handleWebhook", WebhookRequest.class)))
            .as("handleWebhook")
            .isTrue();
      }
      if (capabilities.contains(Capability.STREAM)) {
        assertThat(overrides(type.getMethod("stream", Consumer.class))).as("stream").isTrue();
      }
    }
  }

  private static void sendNeverThrows(ChannelConnectorFactory factory) {
    try (ChannelConnector connector = factory.create(account(factory))) {
      OutboundMessage reply =
          new OutboundMessage(
              "contract-" + System.nanoTime(),
              "customer@contract.test",
              "Contract Customer",
              "Re: contract [HOME-1]",
              "A reply that cannot reach anyone.",
              "<p>A reply that cannot reach anyone.</p>",
              null,
              List.of(),
              "HOME-1",
              true,
              List.of());
      DeliveryResult[] result = new DeliveryResult[1];
      assertThatCode(() -> result[0] = connector.send(reply)).doesNotThrowAnyException();
      assertThat(result[0]).isNotNull();
      assertThat(result[0].status())
          .isIn(
              DeliveryResult.Status.RETRY,
              DeliveryResult.Status.FAILED,
              DeliveryResult.Status.UNREACHABLE);
      assertThat(result[0].error()).isNotBlank();
    }
  }

  private static void pollFailsAsConnectorException(ChannelConnectorFactory factory) {
    if (!factory.capabilities().contains(Capability.POLL)) {
      return;
    }
    try (ChannelConnector connector = factory.create(account(factory))) {
      assertThat(catchThrowable(() -> connector.poll(null))).isInstanceOf(ConnectorException.class);
    }
  }

  private static void unsignedWebhookIsRefused(ChannelConnectorFactory factory) {
    if (!factory.capabilities().contains(Capability.WEBHOOK)) {
      return;
    }
    try (ChannelConnector connector = factory.create(account(factory))) {
      WebhookRequest forged =
          new WebhookRequest(
              "POST",
              Map.of("Content-Type", List.of("application/json")),
              Map.of(),
              "{\"text\":\"forged\"}".getBytes(StandardCharsets.UTF_8));
      WebhookResponse[] response = new WebhookResponse[1];
      assertThatCode(() -> response[0] = connector.handleWebhook(forged))
          .doesNotThrowAnyException();
      assertThat(response[0].status()).isBetween(400, 499);
      assertThat(response[0].messages()).isEmpty();
    }
  }

  private static void replyRulesAreStated(ChannelConnectorFactory factory) {
    for (boolean publicReply : new boolean[] {true, false}) {
      TextLimit limit = factory.textLimit(publicReply);
      assertThat(limit).as("text limit").isNotNull();
      assertThat(limit.length("蓝牙无法连接 https://acme.example 👍")).isPositive();
      assertThat(limit.asData()).containsKeys("max", "scale", "ranges", "urlPattern");
      assertThat(factory.replyWindow(publicReply)).as("reply window").isNotNull();
      String mention = factory.mentionFormat(publicReply);
      if (mention != null) {
        assertThat(mention.split("%s", -1)).as("one %s in " + mention).hasSize(2);
      }
    }
    boolean windowed =
        factory.replyWindow(true).isPresent() || factory.replyWindow(false).isPresent();
    assertThat(factory.capabilities().contains(Capability.REPLY_WINDOW))
        .as("REPLY_WINDOW declared exactly when a reply window is set")
        .isEqualTo(windowed);
  }

  private static void fetchFailsAsConnectorException(ChannelConnectorFactory factory) {
    try (ChannelConnector connector = factory.create(account(factory))) {
      Throwable thrown = catchThrowable(() -> connector.fetch("1234567890"));
      if (thrown != null) {
        assertThat(thrown).isInstanceOf(ConnectorException.class);
      }
    }
  }

  private static boolean overrides(Method method) {
    return method.getDeclaringClass() != ChannelConnector.class;
  }

  /** An account of this type whose network is unreachable (a closed local port). */
  private static ConnectorAccount account(ChannelConnectorFactory factory) {
    return new ConnectorAccount(
        new ChannelAccountId(-1),
        new BrandId(-1),
        factory.type(),
        "Contract",
        "contract@contract.test",
        settings(factory));
  }

  /** A value for every setting, pointing anything that connects at a closed local port. */
  private static Map<String, String> settings(ChannelConnectorFactory factory) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (ConfigProperty p : factory.configProperties()) {
      String name = p.name().toLowerCase(Locale.ROOT);
      String value =
          switch (p.type()) {
            case TEXT ->
                name.contains("host")
                    ? "127.0.0.1"
                    : name.toLowerCase(java.util.Locale.ROOT).contains("origin")
                        ? "https://contract.example"
                        : "contract";
            case NUMBER ->
                name.contains("port") ? "1" : p.defaultValue() != null ? p.defaultValue() : "1";
            // A key has the exact shape its network gives it (WeChat's EncodingAESKey: 43 chars).
            case SECRET ->
                name.contains("aeskey")
                    ? "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
                    : "contract-secret-0123456789";
            case URL -> UNREACHABLE_URL;
            case EMAIL -> "contract@contract.test";
            case SELECT -> p.defaultValue() != null ? p.defaultValue() : p.options().get(0);
            case BOOLEAN -> p.defaultValue() != null ? p.defaultValue() : "false";
          };
      settings.put(p.name(), value);
    }
    return settings;
  }

  private static Properties messages(String path) throws IOException {
    Properties properties = new Properties();
    try (Reader reader =
        new InputStreamReader(
            ConnectorContractTests.class.getClassLoader().getResourceAsStream(path),
            StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }
}
