/**
 * Listening watches what people write about the brands: admins' keyword rules (words, phrases,
 * AND/OR/NOT, NEAR, scopes) compiled into one matching engine classify every inbound post, matched
 * posts become mentions with sentiment and tags, and rules decide which of them open cases.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {
      "channels",
      "compliance",
      "conversations",
      "customers",
      "identity",
      "routing",
      "shared"
    })
package io.parley.listening;
