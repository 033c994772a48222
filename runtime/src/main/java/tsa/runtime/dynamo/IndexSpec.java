package tsa.runtime.dynamo;

/** A global secondary index, projecting all attributes; {@code rangeKey} is null for a hash-only index. */
public record IndexSpec(String name, KeyAttribute hashKey, KeyAttribute rangeKey) {}
