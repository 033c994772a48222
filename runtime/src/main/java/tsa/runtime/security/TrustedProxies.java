package tsa.runtime.security;

import io.netty.util.NetUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address as the audit trail and the rate limits need it: the connection's peer, unless that peer is one
 * of the configured ingress addresses, in which case the right-most {@code X-Forwarded-For} entry that is not itself
 * a trusted proxy. Blank entries are skipped; an entry that is not an IP address ends the walk at the last address
 * that was one. Nothing here throws on what a client sends (Quarkus' own forwarding parser hung the request on an
 * empty header, which is why the services do not use it).
 */
@ApplicationScoped
public class TrustedProxies {

    private final List<Range> trusted;

    @Inject
    public TrustedProxies(ForwardingSettings settings) {
        this(settings.trustedProxies());
    }

    TrustedProxies(List<String> ranges) {
        List<Range> parsed = new ArrayList<>();
        for (String range : ranges) {
            if (!range.isBlank()) {
                parsed.add(Range.parse(range.strip()));
            }
        }
        this.trusted = List.copyOf(parsed);
    }

    /**
     * The client behind a connection from {@code peer} that carried these {@code X-Forwarded-For} header values (in
     * the order received; each may hold a comma-separated list).
     */
    public String clientOf(String peer, List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String entry : value.split(",", -1)) {
                hops.add(entry.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            String hop = hops.get(i);
            if (hop.isEmpty()) {
                continue;
            }
            if (address(hop) == null) {
                break;
            }
            client = hop;
        }
        return client;
    }

    boolean isTrusted(String address) {
        byte[] bytes = address(address);
        return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    /** The bytes of an IP literal (IPv6 in brackets allowed), or null: never a DNS lookup. */
    private static byte[] address(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return NetUtil.createByteArrayFromIpAddressString(literal);
    }

    /** An address and how many of its leading bits a peer must share with it. */
    private record Range(byte[] network, int prefixLength) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = address(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("tsa.http.forwarding.trusted-proxies: not an address: " + text);
            }
            int bits = network.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tsa.http.forwarding.trusted-proxies: not a prefix length: " + text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("tsa.http.forwarding.trusted-proxies: not a prefix length: " + text);
            }
            return new Range(network, prefix);
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != network.length) {
                return false;
            }
            int shift = network.length * 8 - prefixLength;
            return new BigInteger(1, candidate).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }
}
