/**
 * The audit log: who changed what, when. Other modules write to it inside their own
 * transactions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package com.example.imoc.audit;
