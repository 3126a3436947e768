package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ChannelRejected;
import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins list the company's channel accounts with their health, connect new ones through a form
 * built from the connector's metadata, change settings (secrets are never shown again; a stored one
 * that is not required can be removed with the {@code remove} box beside it) and switch accounts
 * off and on.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ChannelAdminController {

  private final ChannelAccounts accounts;
  private final AccountConfiguration configuration;
  private final ConnectorRegistry registry;
  private final Brands brands;
  private final MessageSource messages;
  private final ChannelsProperties properties;
  private final io.parley.identity.Users users;

  ChannelAdminController(
      io.parley.identity.Users users,
      ChannelAccounts accounts,
      AccountConfiguration configuration,
      ConnectorRegistry registry,
      Brands brands,
      MessageSource messages,
      ChannelsProperties properties) {
    this.users = users;
    this.accounts = accounts;
    this.configuration = configuration;
    this.registry = registry;
    this.brands = brands;
    this.messages = messages;
    this.properties = properties;
  }

  @GetMapping("/admin/channels")
  String list(Model model) {
    model.addAttribute("accounts", accounts.healthOfAll());
    model.addAttribute("factories", registry.factories());
    model.addAttribute("brandNames", brandNames());
    return "channels/accounts";
  }

  @GetMapping("/admin/channels/new")
  String newAccount(@RequestParam String type, Model model) {
    ChannelConnectorFactory factory = factory(type);
    Map<String, String> defaults = new LinkedHashMap<>();
    factory
        .configProperties()
        .forEach(
            p -> {
              if (p.defaultValue() != null) {
                defaults.put(p.name(), p.defaultValue());
              }
            });
    return form(model, factory, null, "", "", null, defaults, Set.of(), Set.of());
  }

  @PostMapping("/admin/channels")
  String connect(
      @RequestParam String type,
      @RequestParam(required = false) Long brand,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String address,
      @RequestParam Map<String, String> all,
      Model model,
      RedirectAttributes flash) {
    ChannelConnectorFactory factory = factory(type);
    Map<String, String> settings = settingsFrom(all);
    try {
      var created =
          accounts.connect(
              brand == null ? null : new BrandId(brand), type, name, address, settings);
      flash.addFlashAttribute("flash", "channels.connected");
      return "redirect:/admin/channels/" + created.id().value();
    } catch (ChannelRejected e) {
      model.addAttribute("problems", e.problems());
      return form(
          model,
          factory,
          null,
          name,
          address,
          brand,
          withoutSecrets(factory, settings),
          Set.of(),
          Set.of());
    }
  }

  @GetMapping("/admin/channels/{id}")
  String edit(@PathVariable long id, Model model) {
    known(id);
    var health = accounts.health(new ChannelAccountId(id));
    model.addAttribute("health", health);
    model.addAttribute("held", configuration.held(new ChannelAccountId(id)));
    model.addAttribute("staff", users.staff());
    model.addAttribute("granted", accounts.grantedAgents(new ChannelAccountId(id)));
    model.addAttribute("signatureTags", accounts.signatureTags(new ChannelAccountId(id)));
    ChannelConnectorFactory factory = registry.factory(health.account().type()).orElse(null);
    model.addAttribute(
        "webhookUrl", properties.publicUrl() + "/hooks/" + health.account().id().value());
    if (factory == null) {
      model.addAttribute("brandNames", brandNames());
      return "channels/account";
    }
    return form(
        model,
        factory,
        health.account().id().value(),
        health.account().name(),
        health.account().address(),
        health.account().brand().value(),
        accounts.visibleSettings(new ChannelAccountId(id)),
        accounts.storedSecrets(new ChannelAccountId(id)),
        Set.of());
  }

  @PostMapping("/admin/channels/{id}")
  String reconfigure(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String address,
      @RequestParam(name = "remove", required = false) List<String> remove,
      @RequestParam Map<String, String> all,
      Model model,
      RedirectAttributes flash) {
    known(id);
    var health = accounts.health(new ChannelAccountId(id));
    ChannelConnectorFactory factory = factory(health.account().type());
    Map<String, String> settings = settingsFrom(all);
    Set<String> removed = remove == null ? Set.of() : Set.copyOf(remove);
    try {
      accounts.reconfigure(new ChannelAccountId(id), name, address, settings, removed);
      flash.addFlashAttribute("flash", "channels.saved");
      return "redirect:/admin/channels/" + id;
    } catch (ChannelRejected e) {
      model.addAttribute("problems", e.problems());
      model.addAttribute("health", health);
      model.addAttribute("held", configuration.held(new ChannelAccountId(id)));
      return form(
          model,
          factory,
          id,
          name,
          address,
          health.account().brand().value(),
          withoutSecrets(factory, settings),
          accounts.storedSecrets(new ChannelAccountId(id)),
          removed);
    }
  }

  @PostMapping("/admin/channels/{id}/agents")
  String grant(
      @PathVariable long id,
      @RequestParam(required = false) java.util.List<Long> agentIds,
      RedirectAttributes flash) {
    known(id);
    accounts.grant(
        new ChannelAccountId(id),
        agentIds == null
            ? java.util.Set.of()
            : agentIds.stream()
                .map(io.parley.identity.UserId::new)
                .collect(java.util.stream.Collectors.toSet()));
    flash.addFlashAttribute("flash", "channels.agentsSaved");
    return "redirect:/admin/channels/" + id;
  }

  @PostMapping("/admin/channels/{id}/signature")
  String signature(@PathVariable long id, @RequestParam boolean on, RedirectAttributes flash) {
    known(id);
    accounts.signatureTags(new ChannelAccountId(id), on);
    flash.addFlashAttribute("flash", "channels.saved");
    return "redirect:/admin/channels/" + id;
  }

  @PostMapping("/admin/channels/{id}/active")
  String activate(@PathVariable long id, @RequestParam boolean active, RedirectAttributes flash) {
    known(id);
    accounts.activate(new ChannelAccountId(id), active);
    flash.addFlashAttribute("flash", active ? "channels.activated" : "channels.deactivated");
    return "redirect:/admin/channels/" + id;
  }

  private String form(
      Model model,
      ChannelConnectorFactory factory,
      Long id,
      String name,
      String address,
      Long brand,
      Map<String, String> values,
      Set<String> storedSecrets,
      Set<String> removedSecrets) {
    model.addAttribute("factory", factory);
    model.addAttribute("storedSecrets", storedSecrets);
    model.addAttribute("removedSecrets", removedSecrets);
    model.addAttribute("accountId", id);
    model.addAttribute("name", name);
    model.addAttribute("address", address);
    model.addAttribute("brand", brand);
    model.addAttribute("values", values);
    model.addAttribute("brands", brands.all());
    model.addAttribute("brandNames", brandNames());
    model.addAttribute("webhookUrl", id == null ? null : properties.publicUrl() + "/hooks/" + id);
    model.addAttribute("publicUrl", properties.publicUrl());
    model.addAttribute(
        "embedCode",
        id == null
            ? null
            : factory.embedCode(
                new ChannelAccountId(id), properties.publicUrl(), LocaleContextHolder.getLocale()));
    model.addAttribute(
        "problemTexts",
        model.getAttribute("problems") == null
            ? java.util.List.of()
            : ((java.util.List<?>) model.getAttribute("problems"))
                .stream().map(p -> (ChannelRejected.Problem) p).map(this::text).toList());
    return "channels/form";
  }

  private String text(ChannelRejected.Problem problem) {
    var locale = LocaleContextHolder.getLocale();
    Object[] args =
        java.util.Arrays.stream(problem.args())
            .map(
                a ->
                    a instanceof String s && s.startsWith("connector.setting.")
                        ? messages.getMessage(s, null, s, locale)
                        : a)
            .toArray();
    return messages.getMessage(problem.key(), args, problem.key(), locale);
  }

  /** An address naming no account is a page that does not exist, not a server error. */
  private void known(long id) {
    if (accounts.find(new ChannelAccountId(id)).isEmpty()) {
      throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
    }
  }

  private ChannelConnectorFactory factory(String type) {
    return registry
        .factory(type)
        .orElseThrow(
            () -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
  }

  /** Form fields named {@code setting.x} are the connector's settings. */
  private static Map<String, String> settingsFrom(Map<String, String> all) {
    Map<String, String> settings = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith("setting.")) {
            settings.put(k.substring("setting.".length()), v);
          }
        });
    return settings;
  }

  private static Map<String, String> withoutSecrets(
      ChannelConnectorFactory factory, Map<String, String> settings) {
    Map<String, String> copy = new LinkedHashMap<>(settings);
    factory.configProperties().stream()
        .filter(p -> p.type() == io.parley.channels.ConfigProperty.Type.SECRET)
        .forEach(p -> copy.remove(p.name()));
    return copy;
  }

  private Map<BrandId, String> brandNames() {
    return brands.all().stream().collect(Collectors.toMap(BrandSummary::id, BrandSummary::name));
  }
}
