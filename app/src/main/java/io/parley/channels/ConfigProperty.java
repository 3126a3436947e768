package io.parley.channels;

import java.util.List;

/**
 * One setting of a connector, described so the admin form can be built from it. Secret settings are
 * encrypted at rest and never shown again; {@code options} lists the choices of a {@code SELECT}.
 * Labels are message keys, so the form speaks the admin's language.
 */
public record ConfigProperty(
    String name,
    Type type,
    boolean required,
    String defaultValue,
    List<String> options,
    String labelKey,
    String helpKey) {

  /**
   * The setting by which an account asks Parley to confirm by email that a new case was opened
   * (channels whose customers get no answer on the channel itself, like a web form).
   */
  public static final String CONFIRMATION_EMAIL = "confirmationEmail";

  /** The kinds of input a setting takes. */
  public enum Type {
    TEXT,
    SECRET,
    NUMBER,
    BOOLEAN,
    SELECT,
    EMAIL,
    URL
  }

  public static ConfigProperty text(String name, boolean required, String defaultValue) {
    return new ConfigProperty(
        name, Type.TEXT, required, defaultValue, List.of(), key(name), help(name));
  }

  public static ConfigProperty secret(String name, boolean required) {
    return new ConfigProperty(name, Type.SECRET, required, null, List.of(), key(name), help(name));
  }

  public static ConfigProperty number(String name, boolean required, String defaultValue) {
    return new ConfigProperty(
        name, Type.NUMBER, required, defaultValue, List.of(), key(name), help(name));
  }

  public static ConfigProperty flag(String name, boolean defaultValue) {
    return new ConfigProperty(
        name, Type.BOOLEAN, false, String.valueOf(defaultValue), List.of(), key(name), help(name));
  }

  /** The {@link #CONFIRMATION_EMAIL} flag. */
  public static ConfigProperty confirmationEmail(boolean defaultValue) {
    return flag(CONFIRMATION_EMAIL, defaultValue);
  }

  public static ConfigProperty select(String name, String defaultValue, String... options) {
    return new ConfigProperty(
        name, Type.SELECT, true, defaultValue, List.of(options), key(name), help(name));
  }

  public static ConfigProperty of(Type type, String name, boolean required) {
    return new ConfigProperty(name, type, required, null, List.of(), key(name), help(name));
  }

  private static String key(String name) {
    return "connector.setting." + name;
  }

  private static String help(String name) {
    return "connector.setting." + name + ".help";
  }
}
