/**
 * What every page gets: the layout's model attributes, the {@code times} helper templates
 * format instants with, and page errors for input the app cannot hold.
 */
@org.springframework.modulith.NamedInterface("layout")
package com.example.imoc.web.layout;
