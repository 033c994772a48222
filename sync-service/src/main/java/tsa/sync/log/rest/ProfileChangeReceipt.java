package tsa.sync.log.rest;

/** The contract's {@code ProfileChangeReceipt}: the row that records the change. */
public record ProfileChangeReceipt(String syncId, String coachId, long version, String syncStatus) {}
