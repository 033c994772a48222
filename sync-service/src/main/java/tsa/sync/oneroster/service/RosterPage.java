package tsa.sync.oneroster.service;

import java.util.List;
import java.util.Map;

/** One page of a collection and the number of records that match the query in all. */
public record RosterPage(List<Map<String, Object>> records, long total) {}
