/**
 * The sign-in page and "Sign in with GitLab" (OpenID Connect), which joins the password
 * form when configured. Internal to the web module.
 */
package com.example.imoc.web.signin;
