/** Shared building blocks without business rules: paging and time. */
@org.springframework.modulith.ApplicationModule(
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.parley.shared;
