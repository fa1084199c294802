/**
 * The web shell, knowing no feature's addresses: {@code security} (the filter chain,
 * Bearer tokens, sessions, sign-in throttling, control characters), {@code signin} (the
 * sign-in page and "Sign in with GitLab"), {@code outage} (a lost database answered with
 * 503), {@code api} (the JSON error shape and limits, CSV, the addresses programs read)
 * and {@code layout} (what every page's layout and templates use, page errors). Features
 * add their own security rules as Spring Security {@code Customizer} beans and their
 * machine-read addresses as {@link com.example.imoc.web.api.MachinePath} beans.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package com.example.imoc.web;
