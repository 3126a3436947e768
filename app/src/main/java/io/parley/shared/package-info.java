/** Shared building blocks without business rules: paging, time, work after commit. */
@org.springframework.modulith.ApplicationModule(
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.parley.shared;
