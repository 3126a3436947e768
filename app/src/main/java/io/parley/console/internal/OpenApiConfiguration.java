package io.parley.console.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /api/docs: every endpoint takes a personal API token. */
@Configuration
class OpenApiConfiguration {

  @Bean
  OpenAPI parleyOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Parley API")
                .version("v1")
                .description(
                    "Cases, messages and customers. Authenticate with a personal API token"
                        + " (Account → API tokens) as `Authorization: Bearer plt_…`. Errors are"
                        + " RFC 9457 problem details.")
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "token",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("plt_…")))
        .addSecurityItem(new SecurityRequirement().addList("token"));
  }
}
