/**
 * The JSON API's conventions for every module: the one error shape ({@link ApiError},
 * {@link BadApiRequest}), bounded input ({@link InputRanges}, bounded JSON numbers and
 * strings), CSV output, the OpenAPI document, and the addresses programs read
 * ({@link MachinePath}).
 */
@org.springframework.modulith.NamedInterface("api")
package com.example.imoc.web.api;
