package io.parley.entitlements.internal;

import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.entitlements.SlaMetric;
import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.Users;
import io.parley.routing.Routing;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages: service tiers and their SLA policy, business hours and holidays, contracts. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class EntitlementsAdminController {

  private final ServiceTierRepository tiers;
  private final TierAdministration administration;
  private final BusinessHoursRepository hours;
  private final HolidayRepository holidays;
  private final Calendars calendars;
  private final ContractRepository contracts;
  private final Brands brands;
  private final Routing routing;
  private final Users users;
  private final Customers customers;
  private final Clock clock;

  EntitlementsAdminController(
      ServiceTierRepository tiers,
      TierAdministration administration,
      BusinessHoursRepository hours,
      HolidayRepository holidays,
      Calendars calendars,
      ContractRepository contracts,
      Brands brands,
      Routing routing,
      Users users,
      Customers customers,
      Clock clock) {
    this.tiers = tiers;
    this.administration = administration;
    this.hours = hours;
    this.holidays = holidays;
    this.calendars = calendars;
    this.contracts = contracts;
    this.brands = brands;
    this.routing = routing;
    this.users = users;
    this.customers = customers;
    this.clock = clock;
  }

  // --- tiers ---

  @GetMapping("/admin/tiers")
  String tiers(Model model) {
    model.addAttribute("tiers", tiers.findAllByOrderByRankOrderAscNameAsc());
    model.addAttribute("queues", routing.all());
    model.addAttribute(
        "brandNames",
        brands.all().stream().collect(Collectors.toMap(BrandSummary::id, BrandSummary::name)));
    model.addAttribute("staff", users.staff());
    model.addAttribute("priorities", Priority.values());
    model.addAttribute("metrics", SlaMetric.values());
    return "entitlements/tiers";
  }

  @PostMapping("/admin/tiers")
  String createTier(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
    return saveTier(null, form, redirect);
  }

  @PostMapping("/admin/tiers/{id}")
  String updateTier(
      @PathVariable Long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
    return saveTier(id, form, redirect);
  }

  private String saveTier(Long id, Map<String, String> form, RedirectAttributes redirect) {
    try {
      administration.save(id, form);
      redirect.addFlashAttribute("notice", "tier.saved");
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", e.getMessage());
      redirect.addFlashAttribute("form", form);
    } catch (org.springframework.orm.ObjectOptimisticLockingFailureException e) {
      redirect.addFlashAttribute("error", "tier.stale");
    }
    return "redirect:/admin/tiers";
  }

  // --- business hours and holidays ---

  @GetMapping("/admin/business-hours")
  String businessHours(Model model) {
    List<Map<String, Object>> perBrand = new ArrayList<>();
    for (BrandSummary brand : brands.all()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("brand", brand);
      var defined = hours.findById(brand.id().value());
      row.put("defined", defined.isPresent());
      row.put("zone", defined.map(h -> h.zone().getId()).orElse(""));
      // Keyed by the day's name: templates index maps with strings.
      Map<String, String> days = new LinkedHashMap<>();
      for (DayOfWeek d : DayOfWeek.values()) {
        days.put(
            d.name(),
            defined.map(h -> h.week().getOrDefault(d, List.of())).orElse(List.of()).stream()
                .map(BusinessCalendar.Hours::toString)
                .collect(Collectors.joining(", ")));
      }
      row.put("days", days);
      row.put("holidays", holidays.findByBrandIdOrderByDay(brand.id().value()));
      perBrand.add(row);
    }
    model.addAttribute("brands", perBrand);
    model.addAttribute("weekdays", DayOfWeek.values());
    return "entitlements/business-hours";
  }

  @PostMapping("/admin/business-hours/{brandId}")
  String defineHours(
      @PathVariable long brandId,
      @RequestParam Map<String, String> form,
      RedirectAttributes redirect) {
    try {
      BrandId brand = brand(brandId);
      ZoneId zone;
      try {
        zone = ZoneId.of(form.getOrDefault("zone", "").strip());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("hours.zone.invalid");
      }
      Map<DayOfWeek, List<BusinessCalendar.Hours>> week = new EnumMap<>(DayOfWeek.class);
      for (DayOfWeek d : DayOfWeek.values()) {
        week.put(d, parseHours(form.getOrDefault("day_" + d, "")));
      }
      calendars.define(brand, zone, week);
      redirect.addFlashAttribute("notice", "hours.saved");
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute(
          "error",
          e.getMessage() != null && e.getMessage().startsWith("hours.")
              ? e.getMessage()
              : "hours.invalid");
    }
    return "redirect:/admin/business-hours";
  }

  @PostMapping("/admin/business-hours/{brandId}/holidays")
  String addHoliday(
      @PathVariable long brandId,
      @RequestParam String day,
      @RequestParam String name,
      RedirectAttributes redirect) {
    try {
      if (name.isBlank() || name.length() > 120) {
        throw new IllegalArgumentException("holiday.name.invalid");
      }
      calendars.addHoliday(brand(brandId), LocalDate.parse(day.strip()), name.strip());
      redirect.addFlashAttribute("notice", "hours.saved");
    } catch (DateTimeParseException e) {
      redirect.addFlashAttribute("error", "holiday.day.invalid");
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/admin/business-hours";
  }

  @PostMapping("/admin/business-hours/{brandId}/holidays/{id}/delete")
  String removeHoliday(
      @PathVariable long brandId, @PathVariable long id, RedirectAttributes redirect) {
    calendars.removeHoliday(new BrandId(brandId), id);
    redirect.addFlashAttribute("notice", "hours.saved");
    return "redirect:/admin/business-hours";
  }

  /** "09:00-12:00, 13:00-18:00" as opening hours; empty for a closed day. */
  static List<BusinessCalendar.Hours> parseHours(String text) {
    List<BusinessCalendar.Hours> out = new ArrayList<>();
    for (String part : text.split("[,，;]")) {
      if (part.isBlank()) {
        continue;
      }
      String[] ends = part.strip().split("\\s*[-–~]\\s*");
      if (ends.length != 2) {
        throw new IllegalArgumentException("hours.invalid");
      }
      try {
        out.add(BusinessCalendar.Hours.of(ends[0], ends[1]));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("hours.invalid");
      }
    }
    return out;
  }

  private BrandId brand(long id) {
    return brands
        .find(new BrandId(id))
        .map(BrandSummary::id)
        .orElseThrow(() -> new IllegalArgumentException("hours.brand.invalid"));
  }

  // --- contracts ---

  @GetMapping("/admin/contracts")
  String contracts(@RequestParam(required = false) Long customer, Model model) {
    List<Contract> list =
        customer == null
            ? contracts.findTop200ByOrderByCreatedAtDesc()
            : contracts.findByCustomerIdOrderByStartsOnDesc(customer);
    model.addAttribute("contracts", list);
    model.addAttribute(
        "customerNames",
        customers
            .findAll(list.stream().map(c -> new CustomerId(c.getCustomerId())).toList())
            .entrySet()
            .stream()
            .collect(Collectors.toMap(e -> e.getKey().value(), e -> e.getValue().displayName())));
    model.addAttribute("tiers", tiers.findAllByOrderByRankOrderAscNameAsc());
    model.addAttribute(
        "tiersById",
        tiers.findAll().stream()
            .collect(Collectors.toMap(ServiceTier::getId, Function.identity())));
    model.addAttribute(
        "customer",
        customer == null ? null : customers.find(new CustomerId(customer)).orElse(null));
    model.addAttribute("today", LocalDate.now(clock));
    return "entitlements/contracts";
  }

  @PostMapping("/admin/contracts")
  String grant(
      @RequestParam String customerId,
      @RequestParam String tierId,
      @RequestParam String name,
      @RequestParam String startsOn,
      @RequestParam(required = false) String endsOn,
      RedirectAttributes redirect) {
    Long customer = null;
    try {
      customer = Long.parseLong(customerId.strip());
      CustomerId id = new CustomerId(customer);
      if (customers.find(id).isEmpty()) {
        throw new IllegalArgumentException("contract.customer.invalid");
      }
      ServiceTier tier =
          tiers
              .findById(Long.parseLong(tierId.strip()))
              .orElseThrow(() -> new IllegalArgumentException("tier.notFound"));
      if (name.isBlank() || name.length() > 120) {
        throw new IllegalArgumentException("contract.name.invalid");
      }
      LocalDate from = LocalDate.parse(startsOn.strip());
      LocalDate until = endsOn == null || endsOn.isBlank() ? null : LocalDate.parse(endsOn.strip());
      contracts.save(
          new Contract(
              customer,
              tier.getId(),
              name.strip(),
              from,
              until,
              CurrentUser.require().id().value(),
              clock.instant()));
      redirect.addFlashAttribute("notice", "contract.saved");
    } catch (NumberFormatException e) {
      redirect.addFlashAttribute("error", "contract.customer.invalid");
    } catch (DateTimeParseException e) {
      redirect.addFlashAttribute("error", "contract.dates.invalid");
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return customer == null
        ? "redirect:/admin/contracts"
        : "redirect:/admin/contracts?customer=" + customer;
  }

  @PostMapping("/admin/contracts/{id}/end")
  String end(@PathVariable long id, RedirectAttributes redirect) {
    var contract = contracts.findById(id);
    contract.ifPresent(
        c -> {
          c.endOn(LocalDate.now(clock).minusDays(1));
          contracts.save(c);
        });
    redirect.addFlashAttribute("notice", "contract.saved");
    return contract
        .map(c -> "redirect:/admin/contracts?customer=" + c.getCustomerId())
        .orElse("redirect:/admin/contracts");
  }
}
