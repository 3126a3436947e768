package io.parley.integration.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.customers.PhoneNumbers;
import io.parley.integration.BackOfficeLookups;
import io.parley.integration.Lookup;
import io.parley.integration.OrderInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Order status self-service, for customers without an account: a JSON API and an embeddable widget
 * (an iframe page, English or Chinese). The order number alone is not enough: the email or phone of
 * the order's buyer must match, and an unknown order and a wrong contact get the same answer;
 * lookups are limited per address and per order number, so numbers cannot be enumerated.
 */
@Controller
@RequestMapping("/order-status")
class OrderStatusController {

  private final BackOfficeLookups lookups;
  private final IntegrationProperties properties;
  private final Cache<String, AtomicInteger> counters =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();

  OrderStatusController(BackOfficeLookups lookups, IntegrationProperties properties) {
    this.lookups = lookups;
    this.properties = properties;
  }

  @GetMapping("/widget")
  String widget(@RequestParam(defaultValue = "en") String lang, Model model) {
    model.addAttribute("zh", lang.toLowerCase(Locale.ROOT).startsWith("zh"));
    return "integration/order-status";
  }

  record Query(String orderNumber, String email, String phone) {}

  @PostMapping(path = "/api/lookup", produces = "application/json")
  @ResponseBody
  ResponseEntity<Map<String, Object>> lookup(@RequestBody Query q, HttpServletRequest request) {
    // "#1001" as printed on receipts is order 1001.
    String number =
        q == null || q.orderNumber() == null ? "" : q.orderNumber().strip().replaceFirst("^#", "");
    String email = q == null || q.email() == null ? "" : q.email().strip();
    String phone = q == null || q.phone() == null ? "" : q.phone().strip();
    if (number.isEmpty() || number.length() > 64 || (email.isEmpty() && phone.isEmpty())) {
      return answer(HttpStatus.BAD_REQUEST, "invalid");
    }
    if (over("ip:" + request.getRemoteAddr(), properties.orderStatusPerMinute())
        || over("order:" + number.toUpperCase(Locale.ROOT), properties.orderStatusPerOrder())) {
      return answer(HttpStatus.TOO_MANY_REQUESTS, "rate_limited");
    }
    Lookup<OrderInfo> found = lookups.order(number);
    return switch (found.outcome()) {
      case FOUND -> {
        OrderInfo order = found.value();
        if (!buyerMatches(order, email, phone)) {
          yield answer(HttpStatus.NOT_FOUND, "not_found");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderNumber", order.number() == null ? number : order.number());
        body.put("status", order.status());
        body.put("placedAt", order.placedAt());
        body.put("items", order.items() == null ? List.of() : order.items());
        yield ResponseEntity.ok(body);
      }
      case NOT_FOUND -> answer(HttpStatus.NOT_FOUND, "not_found");
      case NOT_CONFIGURED, UNAVAILABLE -> answer(HttpStatus.SERVICE_UNAVAILABLE, "unavailable");
    };
  }

  private static boolean buyerMatches(OrderInfo order, String email, String phone) {
    if (!email.isEmpty() && order.email() != null && order.email().equalsIgnoreCase(email)) {
      return true;
    }
    if (!phone.isEmpty() && order.phone() != null) {
      var given = PhoneNumbers.e164(phone);
      return given.isPresent() && given.equals(PhoneNumbers.e164(order.phone()));
    }
    return false;
  }

  private boolean over(String key, int limit) {
    return counters.get(key, k -> new AtomicInteger()).incrementAndGet() > limit;
  }

  private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String error) {
    return ResponseEntity.status(status).body(Map.of("error", error));
  }
}
