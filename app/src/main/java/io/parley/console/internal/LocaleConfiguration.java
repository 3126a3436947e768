package io.parley.console.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * English and Simplified Chinese. The language a user picks ({@code ?lang=zh-CN}) is kept in a
 * cookie; until they pick one, the browser's Accept-Language decides.
 */
@Configuration
class LocaleConfiguration implements WebMvcConfigurer {

  static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
  static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, CHINESE);

  @Bean
  LocaleResolver localeResolver() {
    var fromBrowser = new AcceptHeaderLocaleResolver();
    fromBrowser.setSupportedLocales(SUPPORTED);
    fromBrowser.setDefaultLocale(Locale.ENGLISH);
    var resolver = new CookieLocaleResolver("PARLEY_LANG");
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setDefaultLocaleFunction(fromBrowser::resolveLocale);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    var change =
        new LocaleChangeInterceptor() {
          @Override
          public boolean preHandle(
              jakarta.servlet.http.HttpServletRequest request,
              jakarta.servlet.http.HttpServletResponse response,
              Object handler)
              throws jakarta.servlet.ServletException {
            // Only the languages we ship; anything else is ignored instead of half-translated.
            String lang = request.getParameter(getParamName());
            if (lang != null && SUPPORTED.stream().noneMatch(l -> matches(l, lang))) {
              return true;
            }
            return super.preHandle(request, response, handler);
          }
        };
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
  }

  private static boolean matches(Locale locale, String tag) {
    return locale.toLanguageTag().equalsIgnoreCase(tag.replace('_', '-'));
  }
}
