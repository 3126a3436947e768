/**
 * Connectors translate between one network (email, web chat, web forms, an API, social networks)
 * and Parley's channel SPI; one sub-package per network, each depending only on the SPI.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"channels", "identity", "shared"})
package io.parley.connectors;
