package io.parley.compliance.internal;

import io.parley.compliance.AuditRecord;
import io.parley.compliance.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every settings, permission and rule change made in the console's admin pages (users,
 * roles, queues, channels, and any admin page added later) and every customer record change: who,
 * from where, what was posted (secrets redacted) and the outcome. Customer edits are personal data
 * and stored under the customer's key. Modules keep no audit code of their own for this.
 */
@Configuration
class AdminChangeAudit implements WebMvcConfigurer, HandlerInterceptor {

  private static final Pattern SECRET =
      Pattern.compile("(?i).*(password|secret|token|key|_csrf).*");
  private static final Pattern CUSTOMER = Pattern.compile("^/customers/(\\d+)(/.*)?$");

  private final AuditTrail audit;
  private final JsonMapper json;

  AdminChangeAudit(AuditTrail audit, JsonMapper json) {
    this.audit = audit;
    this.json = json;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/admin/**", "/customers/**");
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return;
    }
    String path = request.getServletPath();
    Map<String, Object> posted = new TreeMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) ->
                posted.put(
                    name,
                    SECRET.matcher(name).matches()
                        ? "[redacted]"
                        : values.length == 1 ? values[0] : java.util.List.of(values)));
    posted.put("_status", response.getStatus());
    Matcher customer = CUSTOMER.matcher(path);
    Long customerId = customer.matches() ? Long.valueOf(customer.group(1)) : null;
    if (customerId == null && path.startsWith("/customers")) {
      // A new customer: their data has no key yet; the entry says only that it happened.
      posted.keySet().retainAll(java.util.Set.of("_status"));
    }
    audit.record(
        AuditRecord.of(
                customerId != null ? "customer.changed" : "admin.changed",
                customerId != null ? "customer" : "page",
                customerId != null ? customerId : method + " " + path)
            .customer(customerId)
            .change(null, json.writeValueAsString(posted)));
  }
}
