package io.parley.identity.internal;

import io.parley.identity.CurrentUser;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Two filter chains: the stateless API (Bearer API tokens, problem-detail
 * errors) and the browser console (form login, sessions, CSRF). Anything not listed requires a
 * signed-in user; controllers narrow further with method security.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

  static final String[] PUBLIC_PATHS = {
    "/login",
    "/csat/**",
    "/invite/**",
    "/css/**",
    "/js/**",
    "/img/**",
    "/webjars/**",
    "/favicon.ico",
    "/error",
    "/swagger-ui/**",
    "/swagger-ui.html"
  };

  @Bean
  PasswordEncoder passwordEncoder(IdentityProperties properties) {
    var bcrypt = new BCryptPasswordEncoder(properties.bcryptStrength());
    // Delegating, so a future change of algorithm upgrades hashes at the next sign-in.
    return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt));
  }

  static UserDetailsService userDetailsService(UserRepository users) {
    return username ->
        users
            .findByUsernameIgnoreCase(username)
            .map(
                u ->
                    org.springframework.security.core.userdetails.User.withUsername(u.getUsername())
                        // Invited users have no password yet; an unusable hash keeps them out.
                        .password(u.getPasswordHash() == null ? "{bcrypt}-" : u.getPasswordHash())
                        .authorities(u.getRole().authority())
                        .disabled(!u.canSignIn())
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException("unknown"));
  }

  @Bean
  DaoAuthenticationProvider authenticationProvider(PasswordEncoder encoder, UserRepository users) {
    var provider =
        new DaoAuthenticationProvider(userDetailsService(users)) {
          @Override
          protected Authentication createSuccessAuthentication(
              Object principal, Authentication authentication, UserDetails user) {
            super.createSuccessAuthentication(principal, authentication, user);
            CurrentUser current =
                users.findByUsernameIgnoreCase(user.getUsername()).orElseThrow().toCurrentUser();
            var result =
                UsernamePasswordAuthenticationToken.authenticated(
                    current, null, user.getAuthorities());
            result.setDetails(authentication.getDetails());
            return result;
          }
        };
    provider.setPasswordEncoder(encoder);
    return provider;
  }

  /**
   * No Micrometer observation around each filter of the security filter chains, nor around each
   * authorization decision: on API traffic they cost more CPU than the security checks themselves.
   * Requests are still timed as a whole ({@code http.server.requests}); sign-ins stay observed.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.withDefaults()
        .shouldObserveRequests(false)
        .shouldObserveAuthorizations(false)
        .build();
  }

  @Bean
  SessionRegistry sessionRegistry() {
    return new SessionRegistryImpl();
  }

  @Bean
  HttpSessionEventPublisher httpSessionEventPublisher() {
    return new HttpSessionEventPublisher();
  }

  /**
   * Where customers and networks reach Parley without an account: webhooks (verified by each
   * connector's signature check), hosted web forms and the web chat widget (rate limited by their
   * connectors). No session, no CSRF token (cross-site by design), nothing else reachable.
   */
  @Bean
  @Order(0)
  SecurityFilterChain publicChannels(HttpSecurity http) throws Exception {
    http.securityMatcher("/hooks/**", "/forms/**", "/chat/**", "/order-status/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .headers(
            h ->
                h.frameOptions(f -> f.disable())
                    .contentSecurityPolicy(
                        c ->
                            c.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'"
                                    + " 'unsafe-inline'; script-src 'self'; object-src 'none';"
                                    + " base-uri 'self'; form-action 'self'")))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable());
    return http.build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ProblemResponses problems)
      throws Exception {
    var entryPoint =
        (org.springframework.security.web.AuthenticationEntryPoint)
            (request, response, ex) ->
                problems.write(response, 401, "error.api.unauthenticated", request.getRequestURI());
    http.securityMatcher("/api/**", "/actuator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .authorizeHttpRequests(
            a ->
                a.dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/api/docs", "/api/docs/**", "/api/swagger-ui/**")
                    .permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole("ADMIN")
                    .requestMatchers("/api/**")
                    .authenticated()
                    .anyRequest()
                    .denyAll())
        .addFilterBefore(
            new ApiTokenAuthenticationFilter(tokens, entryPoint),
            UsernamePasswordAuthenticationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            problems.write(
                                response, 403, "error.api.forbidden", request.getRequestURI())))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain console(
      HttpSecurity http,
      LoginThrottle throttle,
      SessionRegistry sessionRegistry,
      io.parley.identity.Presences presences)
      throws Exception {
    var success = new SavedRequestAwareAuthenticationSuccessHandler();
    success.setDefaultTargetUrl("/");
    http.authorizeHttpRequests(
            a ->
                a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                    .permitAll()
                    .requestMatchers(PUBLIC_PATHS)
                    .permitAll()
                    .requestMatchers("/admin/**")
                    .hasRole("ADMIN")
                    .requestMatchers("/cases/**", "/customers/**", "/inbox/**", "/listening/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR", "AGENT")
                    .anyRequest()
                    .authenticated())
        .formLogin(
            f ->
                f.loginPage("/login")
                    .successHandler(
                        (request, response, authentication) -> {
                          throttle.recordSuccess(authentication.getName());
                          if (authentication.getPrincipal() instanceof CurrentUser u) {
                            throttle.recordSuccess(u.username());
                            if (u.isStaff()) {
                              // Signing in to the console means being there to take cases.
                              presences.set(u.id(), io.parley.identity.PresenceStatus.ONLINE);
                            }
                          }
                          success.onAuthenticationSuccess(request, response, authentication);
                        })
                    .failureHandler(
                        (request, response, ex) -> {
                          throttle.recordFailure(
                              request.getParameter("username"), request.getRemoteAddr());
                          response.sendRedirect(request.getContextPath() + "/login?error");
                        })
                    .permitAll())
        .logout(
            l ->
                l.logoutSuccessUrl("/login?logout")
                    .deleteCookies("JSESSIONID")
                    .addLogoutHandler(
                        (request, response, authentication) -> {
                          if (authentication != null
                              && authentication.getPrincipal() instanceof CurrentUser u
                              && u.isStaff()) {
                            presences.set(u.id(), io.parley.identity.PresenceStatus.OFFLINE);
                          }
                        }))
        .sessionManagement(
            s ->
                s.sessionFixation(f -> f.changeSessionId())
                    .maximumSessions(-1)
                    .sessionRegistry(sessionRegistry)
                    .expiredUrl("/login?expired"))
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                    (request, response, ex) -> {
                      request.setAttribute(
                          "parley.error.reason",
                          ex instanceof CsrfException ? "error.csrf" : "error.403.detail");
                      response.sendError(403);
                    }))
        .headers(
            h ->
                h.contentSecurityPolicy(
                        c ->
                            c.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'"
                                    + " 'unsafe-inline'; script-src 'self'; object-src 'none';"
                                    + " frame-ancestors 'none'; base-uri 'self'; form-action"
                                    + " 'self'"))
                    .referrerPolicy(
                        r ->
                            r.policy(
                                org.springframework.security.web.header.writers
                                    .ReferrerPolicyHeaderWriter.ReferrerPolicy
                                    .STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
        .addFilterBefore(new ThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
    return http.build();
  }

  /** Refuses sign-in attempts while the user name or address is locked out. */
  static class ThrottleFilter extends OncePerRequestFilter {
    private final LoginThrottle throttle;

    ThrottleFilter(LoginThrottle throttle) {
      this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if ("POST".equals(request.getMethod())
          && "/login".equals(request.getServletPath())
          && throttle.isLocked(request.getParameter("username"), request.getRemoteAddr())) {
        response.sendRedirect(request.getContextPath() + "/login?locked");
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
