package io.parley.compliance.internal;

import io.parley.compliance.Verification;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The verification as a command: {@code java -jar parley-exec.jar --parley.compliance.verify=true
 * --spring.main.web-application-type=none} checks the chain, prints the result (naming the first
 * broken entry) and exits with 0 when intact, 3 when broken.
 */
@Component
@ConditionalOnBooleanProperty("parley.compliance.verify")
class AuditVerifyCommand implements ApplicationRunner {

  private final AuditChain chain;
  private final ConfigurableApplicationContext context;

  AuditVerifyCommand(AuditChain chain, ConfigurableApplicationContext context) {
    this.chain = chain;
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments args) {
    Verification result = chain.verify();
    System.out.println(result.describe());
    int code = result.intact() ? 0 : 3;
    System.exit(SpringApplication.exit(context, () -> code));
  }
}
