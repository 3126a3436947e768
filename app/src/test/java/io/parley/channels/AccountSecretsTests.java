package io.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.channels.internal.StoredAccounts;
import io.parley.identity.Brands;
import io.parley.support.ParleyTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A connector renews secret settings of its own account (a rotated token) through {@link
 * AccountSecrets}: they are stored encrypted like those an admin enters, only declared secrets can
 * be set that way, a failed renewal changes nothing, and an admin saving the form later keeps them.
 */
@ParleyTest
class AccountSecretsTests {

  @Autowired AccountSecrets secrets;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext context;

  @Test
  void aConnectorRenewsOnlyItsSecretsAFailedRenewalChangesNothingAndTheFormKeepsThem() {
    var brand =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("instanceUrl", "http://127.0.0.1:1/mastodon");
    settings.put("accessToken", "pasted-token");
    settings.put("pollSeconds", "3600");
    String address = "@acme" + System.nanoTime() + "@mastodon.test";
    ChannelAccountId id =
        accounts.connect(brand.id(), "mastodon", "Secrets", address, settings).id();
    accounts.activate(id, false);

    Map<String, String> renewed =
        secrets.renew(
            id,
            stored -> {
              assertThat(stored).containsExactlyEntriesOf(Map.of("accessToken", "pasted-token"));
              return Map.of("accessToken", "renewed-token");
            });

    assertThat(renewed).containsExactlyEntriesOf(Map.of("accessToken", "renewed-token"));
    String sealed = sealed(id);
    assertThat(sealed).startsWith("v1:").doesNotContain("renewed-token");
    assertThat(StoredAccounts.settings(context, id))
        .containsEntry("accessToken", "renewed-token")
        .containsEntry("pollSeconds", "3600");

    assertThatThrownBy(
            () ->
                secrets.renew(
                    id,
                    stored -> {
                      Map<String, String> next = new LinkedHashMap<>(stored);
                      next.put("pollSeconds", "1");
                      return next;
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pollSeconds");
    assertThatThrownBy(
            () ->
                secrets.renew(
                    id,
                    stored -> {
                      throw new ConnectorException("The network refused to renew the token", null);
                    }))
        .isInstanceOf(ConnectorException.class);
    assertThat(secrets.renew(id, stored -> stored)).isEqualTo(renewed);
    assertThat(sealed(id)).as("nothing written").isEqualTo(sealed);

    // An admin changes the interval and leaves the secret fields empty: the renewed ones stay.
    settings.put("accessToken", "");
    settings.put("pollSeconds", "120");
    accounts.reconfigure(id, "Secrets", address, settings);
    assertThat(StoredAccounts.settings(context, id))
        .containsEntry("accessToken", "renewed-token")
        .containsEntry("pollSeconds", "120");
  }

  private String sealed(ChannelAccountId id) {
    return jdbc.queryForObject(
        "select secrets from channels_account where id = ?", String.class, id.value());
  }
}
