/**
 * The web shell: security, sign-in, the layout every page plugs into, error pages and the
 * home page.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package com.example.imoc.web;
